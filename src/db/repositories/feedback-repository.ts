import type { Feedback } from "../../core/model.ts";
import { cleanFreeText } from "../../core/phi/clean-free-text.ts";
import type { FeedbackRepository } from "../../core/ports.ts";
import type { PrismaDb, Provider } from "../database.ts";
import type * as Rows from "../generated/postgresql/client.ts";
import { refreshReferrerStats } from "../referrer-stats.ts";
import { recordAudit } from "./audit-repository.ts";
import { logOnce } from "./log-once.ts";

function toFeedback(row: Rows.Feedback): Feedback {
  return {
    id: row.id,
    practiceId: row.practiceId,
    referrerId: row.referrerId,
    sentiment: row.sentiment,
    text: row.text,
    heardBy: row.heardBy,
    needsFollowUp: row.needsFollowUp,
    status: row.status,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
    resolvedById: row.resolvedById,
    resolution: row.resolution,
  };
}

export function createFeedbackRepository(prisma: PrismaDb, provider: Provider): FeedbackRepository {
  async function existing(idempotencyKey: string) {
    const row = await prisma.feedback.findUnique({ where: { idempotencyKey } });
    return row ? { feedback: toFeedback(row), created: false } : null;
  }
  return {
    async log(actor, raw) {
      // The last line of defence: feedback text never stores a patient identifier, whatever path it came by.
      const input = { ...raw, text: cleanFreeText(raw.text) };
      return logOnce(
        () => existing(input.idempotencyKey),
        () =>
          prisma.$transaction(async (tx) => {
            const row = await tx.feedback.create({
              data: {
                practiceId: actor.practiceId,
                referrerId: input.referrerId,
                sentiment: input.sentiment,
                text: input.text,
                heardBy: actor.name,
                needsFollowUp: input.needsFollowUp,
                status: input.status,
                idempotencyKey: input.idempotencyKey,
                ...(input.at ? { createdAt: input.at } : {}),
              },
            });
            await refreshReferrerStats(tx, provider, actor.practiceId, [input.referrerId]);
            await recordAudit(tx, actor, {
              action: "feedback.log",
              entity: "feedback",
              entityId: row.id,
              newValue: { sentiment: input.sentiment, text: input.text, needsFollowUp: input.needsFollowUp },
            });
            return { feedback: toFeedback(row), created: true };
          }),
      );
    },
    async findById(practiceId, id) {
      const row = await prisma.feedback.findFirst({ where: { id, practiceId } });
      return row ? toFeedback(row) : null;
    },
    async resolve(actor, raw) {
      const resolution = cleanFreeText(raw.resolution);
      return prisma.$transaction(async (tx) => {
        // Conditional update: a double click, a retry or a second instance finds it resolved already.
        const moved = await tx.feedback.updateMany({
          where: { id: raw.feedbackId, practiceId: actor.practiceId, status: "open" },
          data: { status: "resolved", resolvedAt: raw.at, resolvedById: actor.memberId, resolution },
        });
        const row = await tx.feedback.findFirst({ where: { id: raw.feedbackId, practiceId: actor.practiceId } });
        if (!row) return null;
        if (moved.count === 0) return { feedback: toFeedback(row), resolved: false, closedNudges: 0 };
        const closed = await tx.nudge.updateMany({
          where: { practiceId: actor.practiceId, feedbackId: row.id, status: { in: ["open", "snoozed"] } },
          data: { status: "done", liveKey: null, resolvedAt: raw.at, resolvedBy: actor.name },
        });
        await refreshReferrerStats(tx, provider, actor.practiceId, [row.referrerId]);
        await recordAudit(tx, actor, {
          action: "complaint.resolve",
          entity: "feedback",
          entityId: row.id,
          oldValue: { status: "open" },
          newValue: { status: "resolved", resolution, closedNudges: closed.count },
        });
        return { feedback: toFeedback(row), resolved: true, closedNudges: closed.count };
      });
    },
    async openForReferrer(practiceId, referrerId) {
      const rows = await prisma.feedback.findMany({
        where: { practiceId, referrerId, status: "open" },
        orderBy: { createdAt: "desc" },
      });
      return rows.map(toFeedback);
    },
  };
}
