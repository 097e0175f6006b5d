// The team's own work in figures, for this month and the last: per member, the touches they logged by
// kind, the nudges they marked done, snoozed, dismissed and passed over, the nudges handed on to them,
// and the referrers they look after with their referral trend; and the referrers going quiet, with who
// looks after each. Counts and the names of referrers and members only, never a patient. A pure
// function: `/referrals team`, the App Home, the Teams card, the Monday summary and a chart all use it.
import { DateTime } from "luxon";
import { type MemberRole, TOUCH_KINDS, type TouchKind } from "../model.ts";
import type { TeamActivity, TeamPeriod, TeamPeriods } from "../ports/team-activity.ts";

export interface PeriodFigures {
  touches: Record<TouchKind, number>;
  touchesTotal: number;
  nudgesDone: number;
  nudgesSnoozed: number;
  nudgesDismissed: number;
  /** Nudges this member was shown three times without a click (paused for them, handed on). */
  passedOver: number;
  /** Nudges others passed over that were handed on to this member. */
  handedOnToThem: number;
}

export type ReferralTrend = "up" | "down" | "flat";

export interface OwnedReferrerFigures {
  referrerId: string;
  name: string;
  thisMonth: number;
  lastMonth: number;
  trend: ReferralTrend;
}

export interface MemberFigures {
  memberId: string;
  name: string;
  role: MemberRole;
  thisMonth: PeriodFigures;
  lastMonth: PeriodFigures;
  /** Most referrals this month first. */
  referrers: OwnedReferrerFigures[];
}

export interface TeamFigures {
  /** "December 2026", "November 2026". */
  monthNames: { this: string; last: string };
  members: MemberFigures[];
  /** Nudges handed on after three passes, practice-wide (the shared channel's passes included). */
  escalations: { thisMonth: number; lastMonth: number };
  /** Touches no member logged (the CLI, an import), by period. */
  unattributedTouches: { thisMonth: number; lastMonth: number };
  goingQuiet: Array<{ referrerId: string; name: string; ownerName: string | null; reason: string }>;
}

/** The calendar month `now` is in and the one before, in the practice's zone: [from, to). */
export function teamPeriods(now: Date, timeZone: string): TeamPeriods {
  const start = DateTime.fromJSDate(now, { zone: timeZone }).startOf("month");
  return {
    this: { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() },
    last: { from: start.minus({ months: 1 }).toJSDate(), to: start.toJSDate() },
  };
}

function emptyPeriod(): PeriodFigures {
  return {
    touches: Object.fromEntries(TOUCH_KINDS.map((k) => [k, 0])) as Record<TouchKind, number>,
    touchesTotal: 0,
    nudgesDone: 0,
    nudgesSnoozed: 0,
    nudgesDismissed: 0,
    passedOver: 0,
    handedOnToThem: 0,
  };
}

export function trendOf(thisMonth: number, lastMonth: number): ReferralTrend {
  return thisMonth > lastMonth ? "up" : thisMonth < lastMonth ? "down" : "flat";
}

export function teamFigures(activity: TeamActivity, periods: TeamPeriods, timeZone: string): TeamFigures {
  const byId = new Map<string, MemberFigures>();
  for (const m of activity.members) {
    byId.set(m.id, {
      memberId: m.id,
      name: m.displayName,
      role: m.role,
      thisMonth: emptyPeriod(),
      lastMonth: emptyPeriod(),
      referrers: [],
    });
  }
  const periodOf = (member: MemberFigures, period: TeamPeriod) =>
    period === "this" ? member.thisMonth : member.lastMonth;
  const unattributed = { thisMonth: 0, lastMonth: 0 };
  for (const t of activity.touches) {
    const member = t.memberId ? byId.get(t.memberId) : undefined;
    if (!member) {
      unattributed[t.period === "this" ? "thisMonth" : "lastMonth"] += t.count;
      continue;
    }
    const p = periodOf(member, t.period);
    p.touches[t.kind] += t.count;
    p.touchesTotal += t.count;
  }
  for (const a of activity.nudgeActions) {
    const member = byId.get(a.memberId);
    if (!member) continue;
    const p = periodOf(member, a.period);
    if (a.action === "done") p.nudgesDone += a.count;
    else if (a.action === "snoozed") p.nudgesSnoozed += a.count;
    else p.nudgesDismissed += a.count;
  }
  for (const passed of activity.passedOver) {
    const member = byId.get(passed.audience);
    if (member) periodOf(member, passed.period).passedOver += passed.count;
  }
  const escalations = { thisMonth: 0, lastMonth: 0 };
  for (const e of activity.escalations) {
    escalations[e.period === "this" ? "thisMonth" : "lastMonth"] += e.count;
    const member = e.toMemberId ? byId.get(e.toMemberId) : undefined;
    if (member) periodOf(member, e.period).handedOnToThem += e.count;
  }
  for (const r of activity.owned) {
    byId.get(r.ownerMemberId)?.referrers.push({
      referrerId: r.referrerId,
      name: r.displayName,
      thisMonth: r.thisMonth,
      lastMonth: r.lastMonth,
      trend: trendOf(r.thisMonth, r.lastMonth),
    });
  }
  for (const member of byId.values()) {
    member.referrers.sort(
      (a, b) => b.thisMonth - a.thisMonth || b.lastMonth - a.lastMonth || a.name.localeCompare(b.name),
    );
  }
  const members = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.memberId < b.memberId ? -1 : 1));
  const goingQuiet = activity.goingQuiet
    .map((q) => ({
      referrerId: q.referrerId,
      name: q.displayName,
      ownerName: q.ownerMemberId ? (byId.get(q.ownerMemberId)?.name ?? null) : null,
      reason: q.reason,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const name = (d: Date) => DateTime.fromJSDate(d, { zone: timeZone }).toFormat("LLLL yyyy");
  return {
    monthNames: { this: name(periods.this.from), last: name(periods.last.from) },
    members,
    escalations,
    unattributedTouches: unattributed,
    goingQuiet,
  };
}
