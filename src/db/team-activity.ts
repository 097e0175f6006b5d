// The team view's reads: a fixed number of grouped queries per practice, whatever its size.
import type { TeamActivity, TeamActivityPort, TeamPeriod, TeamPeriods } from "../core/ports.ts";
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

/** Referrals this month and last for each referrer someone looks after: two grouped queries. */
async function ownedReferrals(
  prisma: PrismaDb,
  practiceId: string,
  owners: Array<{ id: string; displayName: string; ownerMemberId: string | null }>,
  periods: TeamPeriods,
): Promise<TeamActivity["owned"]> {
  if (owners.length === 0) return [];
  const count = async (period: TeamPeriod) => {
    const groups = await prisma.referral.groupBy({
      by: ["referrerId"],
      where: {
        practiceId,
        status: { not: "cancelled" },
        receivedAt: { gte: periods[period].from, lt: periods[period].to },
        referrer: { ownerMemberId: { not: null } },
      },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.referrerId, g._count._all]));
  };
  const [thisMonth, lastMonth] = await Promise.all([count("this"), count("last")]);
  return owners.map((r) => ({
    referrerId: r.id,
    displayName: r.displayName,
    ownerMemberId: r.ownerMemberId as string,
    thisMonth: thisMonth.get(r.id) ?? 0,
    lastMonth: lastMonth.get(r.id) ?? 0,
  }));
}
