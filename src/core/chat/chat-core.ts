// The core behind every chat platform: commands, buttons and forms in, neutral replies out.

import { cardFileFor } from "../cards/card-actions.ts";
import type { ChatContext, ChatCore } from "../chat-api.ts";
import { meetingFileFor } from "../meetings/plan-meeting.ts";
import type { Actor } from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";
import { STORAGE_UNAVAILABLE_REPLY } from "../storage-unavailable.ts";
import { runAction } from "./actions.ts";
import { resolveActor } from "./actor.ts";
import { runCommand } from "./commands.ts";
import type { CoreDeps } from "./deps.ts";
import { submitForm } from "./forms.ts";

/** Who a chat user is changes rarely; remembering it briefly saves two queries on every click. */
const ACTOR_TTL_MS = 30_000;

export function createChatCore(deps: CoreDeps, onError?: (error: unknown) => void): ChatCore {
  const actors = new Map<string, { actor: Actor; at: number }>();
  const actorOf = async (ctx: ChatContext): Promise<Actor> => {
    const key = `${ctx.platform}\u0000${ctx.workspaceId}\u0000${ctx.userId}\u0000${ctx.userName}\u0000${ctx.platformAdmin === true}`;
    const now = Date.now();
    const hit = actors.get(key);
    if (hit && now - hit.at < ACTOR_TTL_MS) return hit.actor;
    const actor = await resolveActor(deps.repos, ctx);
    if (actors.size > 5_000) actors.clear();
    actors.set(key, { actor, at: now });
    return actor;
  };
  const sorry = errorReply("Something went wrong on my side; nothing was changed.", "Please try again in a moment.");
  // Every entry point answers with a reply, never an exception: the user sees a friendly error, and a
  // database that cannot be reached says so (try again in a minute) rather than "something went wrong".
  const guard = async <T>(work: () => Promise<T>, fallback: (reply: Reply) => T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      onError?.(error);
      return fallback(deps.isStorageUnavailable?.(error) ? STORAGE_UNAVAILABLE_REPLY : sorry);
    }
  };
  return {
    resolveActor: (ctx) => resolveActor(deps.repos, ctx),
    runCommand: (ctx, command, text) =>
      guard(
        async () => runCommand(deps, ctx, await actorOf(ctx), command, text),
        (reply) => ({ reply }),
      ),
    runAction: (ctx, actionId, value) =>
      guard(
        async () => runAction(deps, ctx, await actorOf(ctx), actionId, value),
        (notice) => ({ notice }),
      ),
    fileFor: (practiceId, ref) =>
      guard(
        async () => (await cardFileFor(deps, practiceId, ref)) ?? (await meetingFileFor(deps, practiceId, ref)),
        () => null,
      ),
    submitForm: (ctx, kind, metadata, values) =>
      guard(
        async () => submitForm(deps, ctx, await actorOf(ctx), kind, metadata, values),
        (reply) => reply,
      ),
  };
}
