// The team view's reads: a fixed number of grouped queries per practice, whatever its size.
import type { TeamActivity, TeamActivityPort, TeamPeriod, TeamPeriods } from "../core/ports.ts";
import { epochDayOf } from "../core/time/local-date.ts";
import type { PrismaDb } from "./database.ts";

const NUDGE_ACTIONS = { "nudge.done": "done", "nudge.snoozed": "snoozed", "nudge.dismissed": "dismissed" } as const;

export function createTeamActivity(prisma: PrismaDb): TeamActivityPort {
  return {
    async loadTeamActivity(practiceId, periods) {
      const each = <T>(read: (period: TeamPeriod, range: { gte: Date; lt: Date }) => Promise<T[]>) =>
        Promise.all((["this", "last"] as const).map((p) => read(p, { gte: periods[p].from, lt: periods[p].to }))).then(
          (lists) => lists.flat(),
        );
      const [members, touches, nudgeActions, passedOver, escalations, owners, goingQuiet] = await Promise.all([
        prisma.member.findMany({ where: { practiceId }, select: { id: true, displayName: true, role: true } }),
        each(async (period, occurredAt) =>
          (
            await prisma.touch.groupBy({
              by: ["memberId", "kind"],
              where: { practiceId, occurredAt },
              _count: { _all: true },
            })
          ).map((g) => ({ memberId: g.memberId, kind: g.kind, period, count: g._count._all })),
        ),
        each(async (period, createdAt) =>
          (
            await prisma.auditEvent.groupBy({
              by: ["memberId", "action"],
              where: { practiceId, createdAt, action: { in: Object.keys(NUDGE_ACTIONS) }, memberId: { not: null } },
              _count: { _all: true },
            })
          ).map((g) => ({
            memberId: g.memberId as string,
            action: NUDGE_ACTIONS[g.action as keyof typeof NUDGE_ACTIONS],
            period,
            count: g._count._all,
          })),
        ),
        each(async (period, pausedAt) =>
          (
            await prisma.nudgeExposure.groupBy({
              by: ["audience"],
              where: { practiceId, pausedAt },
              _count: { _all: true },
            })
          ).map((g) => ({ audience: g.audience, period, count: g._count._all })),
        ),
        each(async (period, escalatedAt) =>
          (
            await prisma.nudgeExposure.groupBy({
              by: ["escalatedToMemberId"],
              where: { practiceId, escalatedAt },
              _count: { _all: true },
            })
          ).map((g) => ({ toMemberId: g.escalatedToMemberId, period, count: g._count._all })),
        ),
        prisma.referrer.findMany({
          where: { practiceId, status: "active", ownerMemberId: { not: null } },
          select: { id: true, displayName: true, ownerMemberId: true },
        }),
        prisma.nudge.findMany({
          where: { practiceId, status: "open", kind: "going_quiet", referrer: { status: "active" } },
          select: { referrerId: true, reason: true, referrer: { select: { displayName: true, ownerMemberId: true } } },
        }),
      ]);
      const owned = await ownedReferrals(prisma, practiceId, owners, periods);
      const activity: TeamActivity = {
        members,
        touches,
        nudgeActions,
        passedOver,
        escalations,
        owned,
        goingQuiet: goingQuiet.map((n) => ({
          referrerId: n.referrerId,
          displayName: n.referrer.displayName,
          ownerMemberId: n.referrer.ownerMemberId,
          reason: n.reason,
        })),
      };
      return activity;
    },
  };
}

/**
 * Referrals this month and last for each referrer someone looks after, from the per-day counts the stats
 * row keeps for 400 days (one indexed read; grouping the referrals themselves took 300 ms at 200,000).
 * The days are UTC days, so a referral in the hours around local midnight on the 1st may count in the
 * neighbouring month: a trend, not an invoice.
 */
async function ownedReferrals(
  prisma: PrismaDb,
  practiceId: string,
  owners: Array<{ id: string; displayName: string; ownerMemberId: string | null }>,
  periods: TeamPeriods,
): Promise<TeamActivity["owned"]> {
  if (owners.length === 0) return [];
  const stats = await prisma.referrerStats.findMany({
    where: { practiceId, referrer: { status: "active", ownerMemberId: { not: null } } },
    select: { referrerId: true, referralDays: true },
  });
  const days = new Map(stats.map((s) => [s.referrerId, JSON.parse(s.referralDays) as Array<[number, number]>]));
  const bounds = (period: TeamPeriod) => [epochDayOf(periods[period].from), epochDayOf(periods[period].to)] as const;
  const [thisFrom, thisTo] = bounds("this");
  const [lastFrom, lastTo] = bounds("last");
  return owners.map((r) => {
    let thisMonth = 0;
    let lastMonth = 0;
    for (const [day, count] of days.get(r.id) ?? []) {
      if (day >= thisFrom && day < thisTo) thisMonth += count;
      else if (day >= lastFrom && day < lastTo) lastMonth += count;
    }
    return {
      referrerId: r.id,
      displayName: r.displayName,
      ownerMemberId: r.ownerMemberId as string,
      thisMonth,
      lastMonth,
    };
  });
}
