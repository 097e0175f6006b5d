// Digest → neutral Reply. Summarises instead of truncating: however many referrals arrived,
// the message has a bounded number of sections and characters.
import { DateTime } from "luxon";
import { NUDGE_KIND_LABEL } from "../nudges/nudge-title.ts";
import type { Reply, ReplySection } from "../reply.ts";
import type { Digest, DigestNudge } from "./digest-model.ts";
import { type ButtonOrigin, nudgeButtons } from "./nudge-actions.ts";

const KIND_LABEL = NUDGE_KIND_LABEL;

export function renderDigest(digest: Digest): Reply {
  const day = DateTime.fromISO(digest.localDate, { zone: digest.timeZone }).toFormat("cccc d LLLL");
  const sections: ReplySection[] = [];
  const arrivals = digest.newReferrals;
  if (digest.empty) {
    return {
      ephemeral: false,
      tone: "info",
      headline: `Referral digest · ${day}`,
      sections: [{ text: "Nothing new since the last digest, and nothing waiting on you. A quiet day." }],
    };
  }

  if (arrivals.total === 0) {
    sections.push({ text: "*New referrals:* none since the last digest." });
  } else {
    const lines = arrivals.groups.map(
      (g) => `• ${g.referrerName}: ${g.count}${g.reasons.length ? ` (${g.reasons.join("; ")})` : ""}`,
    );
    if (arrivals.otherReferrers > 0 || arrivals.otherCount > 0) {
      lines.push(`• ${arrivals.otherCount} more from ${arrivals.otherReferrers} other referrers`);
    }
    const sources = arrivals.bySource?.length
      ? `: ${arrivals.bySource.map((s) => `${s.count} ${s.phrase}`).join(", ")}`
      : "";
    sections.push({ text: `*${plural(arrivals.total, "new referral")}*${sources}\n${lines.join("\n")}` });
  }

  if (digest.nudges.length === 0) {
    sections.push({ text: "*Today:* nothing waiting on you." });
  } else {
    sections.push({ text: digest.forMemberId ? "*Your nudges for today*" : "*Today's nudges*" });
    for (const nudge of digest.nudges) sections.push(nudgeSection(nudge, digest, personallyWho(digest)));
  }
  if (digest.moreNudges > 0) {
    // What is really waiting for this reader (their own digest) or for anyone (the shared one).
    const whose = digest.forMemberId ? " for you" : "";
    sections.push({
      text: `${plural(digest.moreNudges, "more nudge")} waiting${whose}.`,
      buttons: [{ label: "See all", actionId: "nudges.more", value: seeAllValue(digest) }],
    });
  }
  sections.push({ context: weekLine(digest.weekSummary) });
  return { ephemeral: false, tone: "info", headline: `Referral digest · ${day}`, sections };
}

/**
 * Whom a "personally" nudge means: "you" in a physician's own list; in a shared conversation or a
 * liaison's list, the physician by name ("Dr. Kim"), or "a physician" when there are several or none.
 */
export function personallyWho(digest: Pick<Digest, "forMemberId" | "forPhysician" | "physicianNames">): string {
  if (digest.forPhysician ?? (digest.physicianNames === undefined && digest.forMemberId !== null)) return "you";
  const names = digest.physicianNames ?? [];
  if (names.length === 1) return names[0] as string;
  if (names.length === 2) return `${names[0]} or ${names[1]}`;
  return "a physician";
}

/** "This week: 4 touches logged · 3 referrals not yet scheduled · 2 referrers going quiet: Dr. Lee, Dr. Patel". */
export function weekLine(week: Digest["weekSummary"]): string {
  const logged = `This week: ${plural(week.touchesThisWeek, "touch", "touches")} logged`;
  const waiting = week.notScheduled ? ` · ${plural(week.notScheduled, "referral")} not yet scheduled` : "";
  const touches = `${logged}${waiting}`;
  const quiet = `${plural(week.goingQuiet, "referrer")} going quiet`;
  const names = week.goingQuietNames ?? [];
  if (week.goingQuiet === 0 || names.length === 0) return `${touches} · ${quiet}`;
  const others = week.goingQuiet - names.length;
  return `${touches} · ${quiet}: ${names.join(", ")}${others > 0 ? ` and ${others} more (/nudges all)` : ""}`;
}

/**
 * One nudge with its buttons; `origin` is the digest it is shown in (null in a list), `who` whom
 * "personally" means there (see personallyWho).
 */
export function nudgeSection(nudge: DigestNudge, origin: ButtonOrigin | null, who = "you"): ReplySection {
  const title = `*${KIND_LABEL[nudge.kind]} ${nudge.referrerName}*${nudge.personal ? ` · ${who} personally` : ""}`;
  const passedOver = nudge.escalation ? `\n⚠ ${nudge.escalation}.` : "";
  const text = `${title}${passedOver}\n${nudge.reason}`;
  const chart = nudge.chart ? { chart: nudge.chart } : {};
  if (nudge.doneLine) return { text, context: nudge.doneLine, ...chart };
  return { text, buttons: nudgeButtons(nudge, origin), ...chart };
}

/** The "See all" button's value: the run, and whose list it opens (a member's own, or everyone's). */
function seeAllValue(digest: Pick<Digest, "runId" | "forMemberId">): string {
  return JSON.stringify({
    ...(digest.runId ? { r: digest.runId } : {}),
    ...(digest.forMemberId ? { m: digest.forMemberId } : {}),
  });
}

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
