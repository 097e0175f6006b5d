// The team's figures as a chat reply: one section per member, then the referrers going quiet. The same
// Reply becomes Block Kit in Slack and an Adaptive Card in Teams; within every chat's size limits.
import type { TouchKind } from "../model.ts";
import { countOf } from "../nudges/phrases.ts";
import type { ReplySection } from "../reply.ts";
import type { MemberFigures, OwnedReferrerFigures, PeriodFigures, TeamFigures } from "./team-figures.ts";

/** Members listed one by one (each is one section); the rest are counted. */
export const TEAM_MEMBERS_SHOWN = 30;
/** Referrers named per member, most referrals this month first. */
export const OWNED_NAMED = 6;
/** Referrers going quiet named; the rest are counted. */
export const QUIET_NAMED = 15;

const TOUCH_WORDS: Record<TouchKind, [string, string]> = {
  thank_you: ["thank-you", "thank-yous"],
  call: ["call", "calls"],
  meeting: ["meeting", "meetings"],
  liaison_visit: ["visit", "visits"],
  returned_referral: ["patient sent back", "patients sent back"],
  feedback_request: ["feedback request", "feedback requests"],
  other: ["other", "others"],
};

/** "5 touches (3 thank-yous, 2 calls) · 4 nudges done, 1 snoozed, 0 dismissed · passed over 2". */
export function periodLine(p: PeriodFigures): string {
  const kinds = (Object.keys(TOUCH_WORDS) as TouchKind[])
    .filter((k) => p.touches[k] > 0)
    .map((k) => `${p.touches[k]} ${TOUCH_WORDS[k][p.touches[k] === 1 ? 0 : 1]}`);
  const touches = `${countOf(p.touchesTotal, "touch", "touches")}${kinds.length ? ` (${kinds.join(", ")})` : ""}`;
  const nudges = `${countOf(p.nudgesDone, "nudge")} done, ${p.nudgesSnoozed} snoozed, ${p.nudgesDismissed} dismissed`;
  const handed = p.handedOnToThem > 0 ? ` · ${p.handedOnToThem} handed on to them` : "";
  return `${touches} · ${nudges} · passed over ${p.passedOver}${handed}`;
}

const ARROW = { up: "↑", down: "↓", flat: "→" } as const;

/** "Dr. Lee 4 ↑ (2 last month)". */
export function ownedLine(r: OwnedReferrerFigures): string {
  return `${r.name} ${r.thisMonth} ${ARROW[r.trend]} (${r.lastMonth} last month)`;
}

function memberSection(m: MemberFigures, months: TeamFigures["monthNames"]): ReplySection {
  const lines = [
    `*${m.name}* · ${m.role}`,
    `${months.this}: ${periodLine(m.thisMonth)}`,
    `${months.last}: ${periodLine(m.lastMonth)}`,
  ];
  if (m.referrers.length > 0) {
    const named = m.referrers.slice(0, OWNED_NAMED).map(ownedLine);
    const more = m.referrers.length - named.length;
    lines.push(
      `Looks after ${countOf(m.referrers.length, "referrer")}: ${named.join(", ")}${more > 0 ? `, and ${more} more` : ""}`,
    );
  }
  return { text: lines.join("\n") };
}

export function teamSections(figures: TeamFigures): ReplySection[] {
  const sections: ReplySection[] = [];
  const shown = figures.members.slice(0, TEAM_MEMBERS_SHOWN);
  if (shown.length === 0) sections.push({ text: "Nobody has used the bot yet, so there is no team to show." });
  for (const m of shown) sections.push(memberSection(m, figures.monthNames));
  if (figures.members.length > shown.length) {
    sections.push({ context: `…and ${figures.members.length - shown.length} more members.` });
  }
  const quiet = figures.goingQuiet;
  const named = quiet
    .slice(0, QUIET_NAMED)
    .map(
      (q) => `• ${q.name}: ${q.reason} · ${q.ownerName ? `looked after by ${q.ownerName}` : "nobody looks after them"}`,
    );
  sections.push({
    text: quiet.length
      ? `*${countOf(quiet.length, "referrer")} going quiet*\n${named.join("\n")}${quiet.length > QUIET_NAMED ? `\n…and ${quiet.length - QUIET_NAMED} more` : ""}`
      : "*Going quiet*\nNobody. Good.",
  });
  const { escalations, unattributedTouches: cli } = figures;
  const notes = [
    `Nudges handed on after three passes: ${escalations.thisMonth} in ${figures.monthNames.this}, ${escalations.lastMonth} in ${figures.monthNames.last}`,
  ];
  if (cli.thisMonth + cli.lastMonth > 0) {
    notes.push(`touches logged outside chat: ${cli.thisMonth} and ${cli.lastMonth}`);
  }
  sections.push({ context: notes.join(" · ") });
  return sections;
}
