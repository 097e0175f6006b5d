import type { NudgeRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";
import { toNudge } from "../mappers.ts";
import { recordAudit } from "./audit-repository.ts";

export function createNudgeRepository(prisma: PrismaDb): NudgeRepository {
  return {
    async findById(practiceId, id) {
      const row = await prisma.nudge.findFirst({ where: { id, practiceId } });
      return row ? toNudge(row) : null;
    },
    async findByIds(practiceId, ids) {
      if (ids.length === 0) return [];
      return (await prisma.nudge.findMany({ where: { practiceId, id: { in: ids } } })).map(toNudge);
    },
    async listLive(practiceId, opts = {}) {
      const rows = await prisma.nudge.findMany({
        where: {
          practiceId,
          status: "open",
          ...(opts.assigneeMemberId ? { assigneeMemberId: opts.assigneeMemberId } : {}),
        },
        orderBy: { priority: "desc" },
      });
      return rows.map(toNudge);
    },
    async transition(actor, id, to) {
      const now = new Date();
      const data =
        to.status === "snoozed"
          ? { status: "snoozed" as const, snoozedUntil: to.until }
          : { status: to.status, liveKey: null, resolvedAt: now, resolvedBy: actor.name };
      return prisma.$transaction(async (tx) => {
        // Conditional update: of two clicks (or two instances), exactly one moves the nudge.
        const moved = await tx.nudge.updateMany({
          where: { id, practiceId: actor.practiceId, status: "open" },
          data,
        });
        if (moved.count === 0) return null;
        // A snooze is a click: the showings so far no longer count against it (a pause already made stays).
        if (to.status === "snoozed") {
          await tx.nudgeExposure.updateMany({
            where: { nudgeId: id, pausedAt: null },
            data: { shownCount: 0, lastRunId: null },
          });
        }
        const row = await tx.nudge.findUniqueOrThrow({ where: { id } });
        await recordAudit(tx, actor, {
          action: `nudge.${to.status}`,
          entity: "nudge",
          entityId: id,
          oldValue: "open",
          newValue: to,
        });
        return toNudge(row);
      });
    },
  };
}
