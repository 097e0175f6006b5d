// ChatDelivery for Teams: where a practice's digest goes (the chats where someone typed "digest
// here", plus each physician's personal chat with the bot) and how it gets there (a proactive
// message, paced per conversation and retried on Teams' transient answers).
import { z } from "zod/v4";
import type { Digest } from "../../../core/digest/digest-model.ts";
import type { ChatDelivery, DeliveryTarget, Repositories } from "../../../core/ports.ts";
import type { Logger } from "../../../logging/logger.ts";
import { digestCard, type RenderDigest } from "../cards/digest-card.ts";
import type { AdaptiveCard } from "../render/adaptive-card.ts";
import type { ConversationPacer, PacerClock } from "./conversation-pacer.ts";
import { type RetryPolicy, sendWithRetry } from "./send-with-retry.ts";

/** Sends one card to a stored conversation reference (JSON); throws the connector's error. */
export type SendCard = (reference: StoredReference, card: AdaptiveCard, summary: string) => Promise<void>;

/** What we need from a stored conversation reference; a corrupt one fails clearly, without retries. */
export const ZStoredReference = z.looseObject({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});
export type StoredReference = z.infer<typeof ZStoredReference>;

export class BadConversationReferenceError extends Error {
  readonly code = "TEAMS_BAD_CONVERSATION_REFERENCE";
}

export function parseStoredReference(json: string): StoredReference {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new BadConversationReferenceError("The stored Teams conversation reference is not JSON");
  }
  const parsed = ZStoredReference.safeParse(raw);
  if (!parsed.success) throw new BadConversationReferenceError("The stored Teams conversation reference is incomplete");
  return parsed.data;
}

export interface TeamsDeliveryOptions {
  repos: Repositories;
  logger: Logger;
  send: SendCard;
  renderDigest: RenderDigest;
  pacer: ConversationPacer;
  retry?: { policy?: RetryPolicy; clock?: PacerClock; random?: () => number };
}

export function createTeamsDelivery(opts: TeamsDeliveryOptions): ChatDelivery {
  const { repos, logger } = opts;

  return {
    platform: "teams",

    async targets(practiceId: string): Promise<DeliveryTarget[]> {
      const targets: DeliveryTarget[] = [];
      for (const link of await repos.workspaces.listForPractice(practiceId)) {
        if (link.platform !== "teams" || !link.digestConversation) continue;
        const conversationId = conversationIdOf(link.digestConversation);
        if (!conversationId) {
          logger.warn({ workspaceId: link.id }, "ignoring a Teams digest conversation that cannot be read");
          continue;
        }
        targets.push({ platform: "teams", key: `teams:conv:${conversationId}`, address: link.digestConversation });
      }
      const physicians = (await repos.members.listForPractice(practiceId)).filter(
        (m) => m.platform === "teams" && m.role === "physician",
      );
      const chats = await Promise.all(physicians.map((m) => repos.members.getDmConversation(m.id)));
      physicians.forEach((member, i) => {
        const address = chats[i];
        if (address) targets.push({ platform: "teams", key: `teams:dm:${member.id}`, address, memberId: member.id });
      });
      return targets;
    },

    async deliver(target: DeliveryTarget, digest: Digest): Promise<void> {
      if (target.platform !== "teams") throw new Error(`Teams delivery got a ${target.platform} target`);
      const reference = parseStoredReference(target.address);
      const card = digestCard(digest, opts.renderDigest);
      const summary = `Referral digest for ${digest.localDate}`;
      await sendWithRetry(() => opts.pacer.run(reference.conversation.id, () => opts.send(reference, card, summary)), {
        ...opts.retry,
        onRetry: ({ attempt, status, delayMs }) =>
          logger.warn(
            { target: target.key, attempt, status, delayMs },
            "Teams asked us to slow down; retrying the digest",
          ),
      });
    },
  };
}

function conversationIdOf(json: string): string | null {
  try {
    return parseStoredReference(json).conversation.id;
  } catch {
    return null;
  }
}
