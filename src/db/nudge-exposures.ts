// NudgeExposure rows: how often each reader was shown each nudge, and what came of it.
import type { NudgeExposure } from "../core/nudges/nudge-exposure.ts";
import type { NudgeExposureStore } from "../core/ports.ts";
import type { PrismaDb } from "./database.ts";
import { isUniqueViolation } from "./mappers.ts";

const FIELDS = {
  nudgeId: true,
  audience: true,
  shownCount: true,
  firstShownAt: true,
  lastShownAt: true,
  lastRunId: true,
  pausedAt: true,
  escalatedAt: true,
  escalatedToMemberId: true,
} as const;

export function createNudgeExposureStore(prisma: PrismaDb): NudgeExposureStore {
  return {
    async forNudges(practiceId, nudgeIds) {
      if (nudgeIds.length === 0) return [];
      return prisma.nudgeExposure.findMany({
        where: { practiceId, nudgeId: { in: [...nudgeIds] } },
        select: FIELDS,
      }) as Promise<NudgeExposure[]>;
    },

    async pausedFor(practiceId, audience) {
      const rows = await prisma.nudgeExposure.findMany({
        where: { practiceId, audience, pausedAt: { not: null }, nudge: { status: "open" } },
        select: { nudgeId: true },
      });
      return new Set(rows.map((r) => r.nudgeId));
    },

    async handedOnTo(practiceId, memberId) {
      const rows = await prisma.nudgeExposure.findMany({
        where: { practiceId, escalatedToMemberId: memberId, nudge: { status: "open" } },
        select: { nudgeId: true, shownCount: true, firstShownAt: true },
      });
      return rows.map((r) => ({ nudgeId: r.nudgeId, passes: r.shownCount, waitingSince: r.firstShownAt }));
    },

    async save(practiceId, exposures) {
      for (const e of exposures) {
        const data = {
          shownCount: e.shownCount,
          firstShownAt: e.firstShownAt,
          lastShownAt: e.lastShownAt,
          lastRunId: e.lastRunId,
          pausedAt: e.pausedAt,
          escalatedAt: e.escalatedAt,
          escalatedToMemberId: e.escalatedToMemberId,
        };
        const where = { nudgeId_audience: { nudgeId: e.nudgeId, audience: e.audience } };
        try {
          await prisma.nudgeExposure.upsert({
            where,
            create: { practiceId, nudgeId: e.nudgeId, audience: e.audience, ...data },
            update: data,
          });
        } catch (error) {
          // Two instances wrote the first row at once: the loser writes over it.
          if (!isUniqueViolation(error)) throw error;
          await prisma.nudgeExposure.update({ where, data });
        }
      }
    },
  };
}
