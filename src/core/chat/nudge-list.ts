// "/nudges": the live nudges, best first, each with its buttons. Computed the same way as the digest.
import { buildDailyDigest } from "../digest/build-daily-digest.ts";
import { nudgeSection, personallyWho } from "../digest/render-digest.ts";
import type { Actor } from "../model.ts";
import type { Reply, ReplySection } from "../reply.ts";
import { localDateOf } from "../time/local-date.ts";
import type { CoreDeps } from "./deps.ts";

/** Enough to act on, within every chat's message limits. */
export const NUDGE_LIST_LIMIT = 15;

export async function nudgeListReply(
  deps: CoreDeps,
  actor: Actor,
  opts: { all?: boolean; note?: string } = {},
): Promise<Reply> {
  const practice = await deps.repos.practices.findById(actor.practiceId);
  if (!practice)
    return { ephemeral: true, tone: "error", headline: "This workspace has no practice yet.", sections: [] };
  const now = deps.clock.now();
  const topN = opts.all ? NUDGE_LIST_LIMIT : practice.settings.digestTopN;
  const digest = await buildDailyDigest(
    deps.digestData,
    { ...practice, settings: { ...practice.settings, digestTopN: topN } },
    localDateOf(now, practice.timeZone),
    { now, forMember: actor.memberId && actor.role ? { id: actor.memberId, role: actor.role } : null },
  );
  const sections: ReplySection[] = [];
  if (opts.note) sections.push({ context: opts.note });
  if (digest.nudges.length === 0) sections.push({ text: "Nothing waiting. Every referrer has been looked after." });
  for (const nudge of digest.nudges) sections.push(nudgeSection(nudge, null, personallyWho(digest)));
  if (digest.moreNudges > 0) {
    sections.push({
      text: `${digest.moreNudges} more waiting.`,
      ...(opts.all ? {} : { buttons: [{ label: "Show more", actionId: "nudges.more" as const, value: "{}" }] }),
    });
  }
  return { ephemeral: true, tone: "info", headline: opts.all ? "All open nudges" : "Your top nudges", sections };
}
