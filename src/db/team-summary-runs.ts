// TeamSummaryRun rows: insert to claim (the unique key decides between instances), conditional update
// to take a failed one up again.
import type { TeamSummaryRunStore } from "../core/ports.ts";
import type { PrismaDb } from "./database.ts";
import { isUniqueViolation } from "./mappers.ts";

export function createTeamSummaryRunStore(prisma: PrismaDb): TeamSummaryRunStore {
  return {
    async claim(practiceId, week, memberId, instanceId, now, retryAfterMs) {
      try {
        await prisma.teamSummaryRun.create({
          data: { practiceId, week, memberId, claimedBy: instanceId, claimedAt: now },
        });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const retried = await prisma.teamSummaryRun.updateMany({
        where: {
          practiceId,
          week,
          memberId,
          status: "failed",
          claimedAt: { lte: new Date(now.getTime() - retryAfterMs) },
        },
        data: { status: "claimed", claimedBy: instanceId, claimedAt: now },
      });
      return retried.count === 1;
    },
    async finish(practiceId, week, memberId, outcome, at, note) {
      await prisma.teamSummaryRun.updateMany({
        where: { practiceId, week, memberId },
        data: { status: outcome, note: note ?? null, ...(outcome === "delivered" ? { deliveredAt: at } : {}) },
      });
    },
  };
}
