// Typed commands: parse, find the referrer, carry out. Every outcome is a reply, errors included.
import type { ChatContext } from "../chat-api.ts";
import { findMemberByName } from "../members/find-member-by-name.ts";
import type { Actor, Referrer } from "../model.ts";
import type { ReferrerResolution } from "../referrers/resolution.ts";
import { errorReply, type Reply } from "../reply.ts";
import { archiveReferrerCommand } from "./archive-referrer.ts";
import { type Audience, audienceOf } from "./audience.ts";
import type { CoreDeps } from "./deps.ts";
import { digestHere, digestNow } from "./digest-commands.ts";
import { submitForm } from "./forms.ts";
import { helpReply } from "./help.ts";
import { homeReply } from "./home.ts";
import type { Intent, NameSplit } from "./intent.ts";
import { unknownReferrerReply, whichReferrerReply } from "./name-replies.ts";
import { nudgeListReply } from "./nudge-list.ts";
import { overviewReply } from "./overview.ts";
import { parseIntent } from "./parse-intent.ts";
import type { PendingCommand } from "./pending.ts";
import { refuseUnlessAdmin } from "./permissions.ts";
import { returnFavorReply } from "./return-favor.ts";
import { runPending } from "./run-pending.ts";
import { roleReply, settingsReply } from "./settings.ts";
import { teamReply } from "./team.ts";

export async function runCommand(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  command: string,
  text: string,
): Promise<{ reply: Reply }> {
  const intent = parseIntent(command, text);
  return carryOut(deps, ctx, actor, intent);
}

async function carryOut(deps: CoreDeps, ctx: ChatContext, actor: Actor, intent: Intent): Promise<{ reply: Reply }> {
  const key = `${ctx.platform}:${ctx.workspaceId}:${ctx.requestKey}`;
  const audience = audienceOf(ctx);
  switch (intent.t) {
    case "error":
      return { reply: errorReply(intent.error, intent.usage) };
    case "help":
      return { reply: helpReply(intent.topic) };
    case "home":
      return { reply: await homeReply(deps, actor) };
    case "overview":
      return { reply: await overviewReply(deps, actor) };
    case "return_favor":
      return { reply: await returnFavorReply(deps, actor, intent.specialty) };
    case "nudges":
      return { reply: await nudgeListReply(deps, actor, { all: intent.all }) };
    case "team":
      return { reply: await teamReply(deps, actor) };
    case "digest_here":
      return { reply: (await refuseUnlessAdmin(deps.repos, actor, "digest_here")) ?? (await digestHere(deps, ctx)) };
    case "digest_now":
      return { reply: (await refuseUnlessAdmin(deps.repos, actor, "digest_now")) ?? (await digestNow(deps, actor)) };
    case "settings":
      // The plain command offers the settings form (a Slack modal, a Teams card); "settings time 07:30" sets one.
      return { reply: await settingsReply(deps, actor, intent.key, intent.value) };
    case "role": {
      const refused = await refuseUnlessAdmin(deps.repos, actor, "role");
      if (refused) return { reply: refused };
      if (intent.userId) {
        return { reply: await roleReply(deps, ctx, actor, intent.userId, intent.userName, intent.role) };
      }
      // A name without an id (a Teams mention, a typed "@ana"): someone the practice already knows.
      const named = intent.userName
        ? findMemberByName(await deps.repos.members.listForPractice(actor.practiceId), ctx.platform, intent.userName)
        : ({ kind: "none" } as const);
      if (named.kind === "found") {
        const { member } = named;
        return { reply: await roleReply(deps, ctx, actor, member.externalUserId, member.displayName, intent.role) };
      }
      return {
        reply: errorReply(
          named.kind === "ambiguous"
            ? `Which one: ${named.names.join(" or ")}? Mention them, or use their full name.`
            : `I don't know ${intent.userName ? `"${intent.userName}"` : "who you mean"} yet: mention the person (they need to have used the bot once).`,
          "/referrals role @ana physician (or on the server: referral-nudge members role <chat user id> physician)",
        ),
      };
    }
    case "add_referrer": {
      const reply = await submitForm(deps, ctx, actor, "add_referrer", "{}", {
        name: intent.name,
        clinic: intent.clinic,
        specialty: intent.specialty,
      });
      return { reply };
    }
    case "archive_referrer":
      return { reply: await archiveReferrerCommand(deps, actor, intent.name, intent.archive) };
    case "profile":
    case "brief": {
      // Both look a referrer up and show something about them: what to show waits in the pending step.
      const show = intent.t;
      return {
        reply: await withReferrer(deps, audience, actor, [{ name: intent.name, note: "" }], () => ({ t: show }), key),
      };
    }
    case "touch": {
      if (intent.doneBy) {
        const refused = await refuseUnlessAdmin(deps.repos, actor, "log_for_other");
        if (refused) return { reply: refused };
      }
      const actingFor = intent.doneBy ? await actorFor(deps, ctx, actor, intent.doneBy) : actor;
      return {
        reply: await withReferrer(
          deps,
          audience,
          actingFor,
          intent.splits,
          (note) => ({ t: "touch", k: intent.kind, ...(note ? { n: note } : {}) }),
          key,
        ),
      };
    }
    case "feedback":
      if (intent.splits.length === 0) {
        return {
          reply: {
            ephemeral: true,
            tone: "info",
            headline: "Log feedback",
            sections: [],
            form: { kind: "feedback", title: "Log feedback", metadata: "", initial: {} },
          },
        };
      }
      return {
        reply: await withReferrer(
          deps,
          audience,
          actor,
          intent.splits,
          (note): PendingCommand =>
            intent.resolves
              ? { t: "resolve", ...(note ? { n: note } : {}) }
              : {
                  t: "feedback",
                  ...(intent.sentiment ? { s: intent.sentiment } : {}),
                  ...(note ? { n: note } : {}),
                },
          key,
        ),
      };
    case "gift":
      return {
        reply: await withReferrer(
          deps,
          audience,
          actor,
          intent.splits,
          (note) => ({ t: "gift", a: intent.amountCents, ...(note ? { n: note } : {}) }),
          key,
        ),
      };
    case "referral":
      return {
        reply: await withReferrer(
          deps,
          audience,
          actor,
          intent.splits,
          (note) => ({ t: "referral", ...(note ? { n: note } : {}) }),
          key,
        ),
      };
  }
}

/** "/called @ana Dr. Patel": logged as done by Ana, in the same practice. */
async function actorFor(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  who: { userId: string; name?: string },
): Promise<Actor> {
  const member = await deps.repos.members.upsert({
    practiceId: actor.practiceId,
    platform: ctx.platform,
    externalUserId: who.userId,
    displayName: who.name ?? who.userId,
    workspaceExternalId: ctx.workspaceId,
    mentioned: true,
  });
  return { ...actor, memberId: member.id, name: `${member.displayName} (logged by ${actor.name})`, role: member.role };
}

/**
 * Tries each way of splitting the text into name and note, longest name first: the first split
 * whose name is one referrer wins; otherwise the chat asks which one, or offers to add them.
 */
async function withReferrer(
  deps: CoreDeps,
  audience: Audience,
  actor: Actor,
  splits: NameSplit[],
  pendingFor: (note: string) => PendingCommand,
  key: string,
): Promise<Reply> {
  let ambiguous: { split: NameSplit; result: Extract<ReferrerResolution, { kind: "ambiguous" }> } | null = null;
  let none: { split: NameSplit; result: Extract<ReferrerResolution, { kind: "none" }> } | null = null;
  for (const split of splits) {
    const result = await deps.lookup.resolve(actor.practiceId, split.name);
    // A forgiven typo ("Pattel") is confirmed with one tap rather than logged against a guess.
    if (result.kind === "one" && result.matchedOn === "fuzzy") {
      ambiguous ??= { split, result: { kind: "ambiguous", candidates: [result.referrer], archived: result.archived } };
      continue;
    }
    if (result.kind === "one") {
      return act(deps, audience, actor, result.referrer, result.archived, pendingFor(split.note), key);
    }
    if (result.kind === "ambiguous") ambiguous ??= { split, result };
    else none ??= { split, result };
  }
  if (ambiguous)
    return whichReferrerReply(ambiguous.split.name, ambiguous.result.candidates, pendingFor(ambiguous.split.note));
  const last = splits.at(-1);
  if (!none || !last) return errorReply("Whom do you mean?", "Add a name, e.g. /called Dr. Patel");
  // Offer to add the shortest plausible name: "Dr. Smith" rather than "Dr. Smith sent a card".
  const shortest = splits.findLast((s) => s.name.replace(/\b(dr|doctor|prof)\b\.?/gi, "").trim().length > 0) ?? last;
  return unknownReferrerReply(shortest.name, none.result.suggestions, pendingFor(shortest.note));
}

async function act(
  deps: CoreDeps,
  audience: Audience,
  actor: Actor,
  referrer: Referrer,
  archived: boolean,
  pending: PendingCommand,
  key: string,
): Promise<Reply> {
  const reply = await runPending(deps, actor, referrer, pending, key, audience);
  if (!archived) return reply;
  return { ...reply, sections: [...reply.sections, { context: `${referrer.displayName} is archived.` }] };
}
