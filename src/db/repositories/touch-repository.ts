import type { Nudge } from "../../core/model.ts";
import { cleanOptionalText } from "../../core/phi/clean-free-text.ts";
import type { TouchRepository } from "../../core/ports.ts";
import type { PrismaDb, Provider } from "../database.ts";
import { toNudge, toTouch } from "../mappers.ts";
import { refreshReferrerStats } from "../referrer-stats.ts";
import { recordAudit } from "./audit-repository.ts";
import { logOnce } from "./log-once.ts";

export function createTouchRepository(prisma: PrismaDb, provider: Provider): TouchRepository {
  async function existing(idempotencyKey: string) {
    const row = await prisma.touch.findUnique({ where: { idempotencyKey } });
    return row ? { touch: toTouch(row), created: false, resolvedNudges: [] as Nudge[] } : null;
  }

  return {
    async log(actor, raw) {
      // The last line of defence: a note never stores a patient identifier, whatever path it came by.
      const input = { ...raw, note: cleanOptionalText(raw.note) };
      return logOnce(
        () => existing(input.idempotencyKey),
        () =>
          prisma.$transaction(async (tx) => {
            const row = await tx.touch.create({
              data: {
                practiceId: actor.practiceId,
                referrerId: input.referrerId,
                kind: input.kind,
                memberId: actor.memberId,
                actorName: actor.name,
                occurredAt: input.occurredAt,
                note: input.note ?? null,
                channel: actor.channel,
                referralId: input.referralId ?? null,
                idempotencyKey: input.idempotencyKey,
              },
            });
            const answered = [...input.answers.closesNudges];
            const live = answered.length
              ? await tx.nudge.findMany({
                  where: { referrerId: input.referrerId, kind: { in: answered }, status: { in: ["open", "snoozed"] } },
                })
              : [];
            const resolved: Nudge[] = [];
            for (const nudge of live) {
              const updated = await tx.nudge.update({
                where: { id: nudge.id },
                data: { status: "done", liveKey: null, resolvedAt: input.occurredAt, resolvedBy: actor.name },
              });
              resolved.push(toNudge(updated));
            }
            if (input.answers.closesLoops) {
              await tx.referral.updateMany({
                where: { referrerId: input.referrerId, status: "seen", seenAt: { lte: input.occurredAt } },
                data: { status: "loop_closed", loopClosedAt: input.occurredAt },
              });
            }
            await refreshReferrerStats(tx, provider, actor.practiceId, [input.referrerId]);
            await recordAudit(tx, actor, {
              action: "touch.log",
              entity: "touch",
              entityId: row.id,
              newValue: { kind: input.kind, referrerId: input.referrerId, note: input.note ?? null },
            });
            return { touch: toTouch(row), created: true, resolvedNudges: resolved };
          }),
      );
    },
    async countSince(practiceId, since) {
      return prisma.touch.count({ where: { practiceId, occurredAt: { gte: since } } });
    },
    async recentForReferrer(practiceId, referrerId, limit) {
      const rows = await prisma.touch.findMany({
        where: { practiceId, referrerId },
        orderBy: { occurredAt: "desc" },
        take: limit,
      });
      return rows.map(toTouch);
    },
    async countByReferrer(practiceId, kind, since) {
      const groups = await prisma.touch.groupBy({
        by: ["referrerId"],
        where: { practiceId, kind, ...(since ? { occurredAt: { gte: since } } : {}) },
        _count: { _all: true },
      });
      return new Map(groups.map((g) => [g.referrerId, g._count._all]));
    },
  };
}
