// `/brief Dr. Lee`: one screen to prepare a visit or a call, from the facts to three talking points.

import { loadReferrerTrend } from "../charts/load-charts.ts";
import type { CoreDeps } from "../chat/deps.ts";
import { localDay } from "../chat/format.ts";
import { reciprocityLine } from "../chat/reciprocity-line.ts";
import { openComplaintSections } from "../complaints/complaint-replies.ts";
import type { Actor, Referrer, TouchKind } from "../model.ts";
import type { Reply, ReplySection } from "../reply.ts";
import type { BriefFacts, MonthlyReferrals, Waiting } from "./brief-facts.ts";
import { monthlyFromTrend, monthlyReferrals, twoYearsOfMonthsSince } from "./monthly-referrals.ts";
import { talkingPoints } from "./talking-points.ts";

const DAY_MS = 86_400_000;

const TOUCH_NAME: Record<TouchKind, string> = {
  thank_you: "Thank-you",
  call: "Call",
  meeting: "Meeting",
  returned_referral: "Patient sent back",
  feedback_request: "Asked for feedback",
  liaison_visit: "Liaison visit",
  other: "Touch",
};

export async function briefReply(deps: CoreDeps, actor: Actor, referrer: Referrer): Promise<Reply> {
  const facts = await gatherBriefFacts(deps, actor.practiceId, referrer);
  return renderBrief(facts);
}

export async function gatherBriefFacts(deps: CoreDeps, practiceId: string, referrer: Referrer): Promise<BriefFacts> {
  const now = deps.clock.now();
  const practice = await deps.repos.practices.findById(practiceId);
  const zone = practice?.timeZone ?? "UTC";
  const summary = await deps.repos.referrals.summaryForReferrer(practiceId, referrer.id, now);
  // The trend already counts 24 local months; without charts the brief reads the referrals' dates itself.
  const trend = deps.chartData
    ? await loadReferrerTrend(deps.chartData, { practiceId, zone, now }, referrer, summary.lastReferralAt)
    : null;
  const [activity, touches, complaints, owner] = await Promise.all([
    deps.repos.referrals.briefActivity(practiceId, referrer.id, trend ? null : twoYearsOfMonthsSince(now, zone)),
    deps.repos.touches.recentForReferrer(practiceId, referrer.id, 5),
    deps.repos.feedback.openForReferrer(practiceId, referrer.id),
    referrer.ownerMemberId ? deps.repos.members.findById(referrer.ownerMemberId) : Promise.resolve(null),
  ]);
  return {
    trend,
    referrerName: referrer.displayName,
    ownerName: owner && owner.practiceId === practiceId ? owner.displayName : null,
    summary,
    months: trend ? monthlyFromTrend(trend.data.months, now, zone) : monthlyReferrals(activity.receivedAt, now, zone),
    touches,
    complaints,
    loopsOpen: activity.loopsOpen,
    unscheduled: activity.unscheduled,
    now,
    zone,
  };
}

/** Pure: the facts as a reply. */
export function renderBrief(f: BriefFacts): Reply {
  const sections: ReplySection[] = [
    {
      fields: [
        { label: "Relationship owner", value: f.ownerName ?? "nobody yet" },
        { label: "Referrals, 12 months", value: yearLine(f.months) },
        { label: "Sent us · we sent back", value: reciprocityLine(f.summary) },
        { label: "Not yet booked", value: waitingLine(f.unscheduled, f.now) },
        { label: "Loops not closed", value: waitingLine(f.loopsOpen, f.now) },
        { label: "Last referral", value: localDay(f.summary.lastReferralAt, f.zone) },
      ],
    },
    ...(f.trend ? [{ chart: f.trend }] : []),
    { text: `*By month* (${f.months.labels[0]} to ${f.months.labels.at(-1)})\n${monthLines(f.months)}` },
    { text: `*Last touches*\n${touchLines(f)}` },
  ];
  if (f.complaints.length) {
    sections.push(
      { text: `*Open complaints (${f.complaints.length})*` },
      ...openComplaintSections(f.complaints, f.now),
    );
  }
  sections.push({
    text: `*Talking points*\n${talkingPoints(f)
      .map((p, i) => `${i + 1}. ${p}`)
      .join("\n")}`,
  });
  return { ephemeral: true, tone: "info", headline: `Brief: ${f.referrerName}`, sections };
}

function yearLine(m: MonthlyReferrals): string {
  const now = m.thisYear.reduce((a, b) => a + b, 0);
  const before = m.yearBefore.reduce((a, b) => a + b, 0);
  if (before === 0) return `${now} (none the year before)`;
  const change = Math.round(((now - before) / before) * 100);
  return `${now} (${before} the year before, ${change >= 0 ? "+" : "−"}${Math.abs(change)} %)`;
}

/** "Jan 3 · 2" per month: this year's count, then the same month a year before. */
function monthLines(m: MonthlyReferrals): string {
  return m.labels.map((label, i) => `${label} ${m.thisYear[i]} · ${m.yearBefore[i]}`).join("   ");
}

function waitingLine(w: Waiting, now: Date): string {
  if (w.count === 0) return "none";
  const oldest = w.oldestAt ? Math.floor((now.getTime() - w.oldestAt.getTime()) / DAY_MS) : 0;
  return `${w.count} (oldest ${oldest} ${oldest === 1 ? "day" : "days"})`;
}

function touchLines(f: BriefFacts): string {
  if (f.touches.length === 0) return "None logged yet.";
  return f.touches
    .map(
      (t) =>
        `• ${localDay(t.occurredAt, f.zone)}: ${TOUCH_NAME[t.kind]} by ${t.actorName}${t.note ? ` (${t.note})` : ""}`,
    )
    .join("\n");
}
