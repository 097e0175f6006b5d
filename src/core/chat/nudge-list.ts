// "/nudges": the live nudges, best first, each with its buttons. Computed the same way as the digest.
import { withGoingQuietCharts } from "../charts/going-quiet-charts.ts";
import { buildDailyDigest } from "../digest/build-daily-digest.ts";
import { nudgeSection, personallyWho } from "../digest/render-digest.ts";
import type { Actor } from "../model.ts";
import { nudgeTitle } from "../nudges/nudge-title.ts";
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
  const digest = await withGoingQuietCharts(
    deps.chartData,
    await buildDailyDigest(
      deps.digestData,
      { ...practice, settings: { ...practice.settings, digestTopN: topN } },
      localDateOf(now, practice.timeZone),
      { now, forMember: actor.memberId && actor.role ? { id: actor.memberId, role: actor.role } : null },
    ),
    now,
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

/** "See all": this many with their buttons, the rest as one line each. */
export const SEE_ALL_WITH_BUTTONS = 10;
/** Lines beyond which the whole list is counted rather than written (every chat's size limits). */
export const SEE_ALL_LINES = 150;
const SECTION_CHARS = 2_800;

/**
 * The whole list behind a digest's "See all": in a member's own digest, everything waiting for them
 * (what they passed over three times is with someone else now); in the shared digest, everything.
 */
export async function seeAllReply(deps: CoreDeps, actor: Actor, memberId: string | undefined): Promise<Reply> {
  const practice = await deps.repos.practices.findById(actor.practiceId);
  if (!practice)
    return { ephemeral: true, tone: "error", headline: "This workspace has no practice yet.", sections: [] };
  const member = memberId ? await deps.repos.members.findById(memberId) : null;
  const reader = member && member.practiceId === actor.practiceId ? member : null;
  const audience = reader?.id ?? "channel";
  const now = deps.clock.now();
  const digest = await buildDailyDigest(
    deps.digestData,
    { ...practice, settings: { ...practice.settings, digestTopN: Number.MAX_SAFE_INTEGER } },
    localDateOf(now, practice.timeZone),
    {
      now,
      forMember: reader ? { id: reader.id, role: reader.role } : null,
      onlyTheirs: reader !== null,
      ...(deps.exposures
        ? {
            paused: await deps.exposures.pausedFor(practice.id, audience),
            ...(reader ? { handedOn: await deps.exposures.handedOnTo(practice.id, reader.id) } : {}),
          }
        : {}),
    },
  );
  const who = personallyWho(digest);
  const sections: ReplySection[] = [];
  if (digest.nudges.length === 0) sections.push({ text: "Nothing waiting. Every referrer has been looked after." });
  const withButtons = digest.nudges.slice(0, SEE_ALL_WITH_BUTTONS);
  for (const nudge of withButtons) sections.push(nudgeSection(nudge, null, who));
  const rest = digest.nudges.slice(SEE_ALL_WITH_BUTTONS);
  const lines = rest
    .slice(0, SEE_ALL_LINES)
    .map((n) => `• ${nudgeTitle(n.kind, n.referrerName)}${n.personal ? ` (${who} personally)` : ""}: ${n.reason}`);
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > SECTION_CHARS && chunk.length > 0) {
      sections.push({ text: chunk.join("\n") });
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
  }
  if (chunk.length > 0) sections.push({ text: chunk.join("\n") });
  if (rest.length > SEE_ALL_LINES) sections.push({ context: `…and ${rest.length - SEE_ALL_LINES} more.` });
  const total = digest.nudges.length;
  return {
    ephemeral: true,
    tone: "info",
    headline: reader ? `All ${total} nudges waiting for you` : `All ${total} open nudges`,
    sections,
  };
}
