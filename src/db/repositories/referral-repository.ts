import { cleanOptionalText } from "../../core/phi/clean-free-text.ts";
import type { ReferralRepository } from "../../core/ports.ts";
import type { PrismaDb, Provider } from "../database.ts";
import { isUniqueViolation } from "../mappers.ts";
import { refreshReferrerStats } from "../referrer-stats.ts";
import { recordAudit } from "./audit-repository.ts";

const DAY_MS = 86_400_000;

export function createReferralRepository(prisma: PrismaDb, provider: Provider): ReferralRepository {
  return {
    async add(actor, raw) {
      // The last line of defence: whatever path the text came by, no patient identifiers are stored.
      const input = { ...raw, reason: cleanOptionalText(raw.reason), specialty: cleanOptionalText(raw.specialty) };
      const key = {
        practiceId_sourceSystem_sourceId: {
          practiceId: actor.practiceId,
          sourceSystem: "csv",
          sourceId: input.sourceId,
        },
      };
      if (await prisma.referral.findUnique({ where: key, select: { id: true } })) return { created: false };
      try {
        await prisma.$transaction(async (tx) => {
          const row = await tx.referral.create({
            data: {
              practiceId: actor.practiceId,
              referrerId: input.referrerId,
              sourceId: input.sourceId,
              receivedAt: input.receivedAt,
              reason: input.reason ?? null,
              specialty: input.specialty ?? null,
            },
          });
          await refreshReferrerStats(tx, provider, actor.practiceId, [input.referrerId]);
          await recordAudit(tx, actor, {
            action: "referral.add",
            entity: "referral",
            entityId: row.id,
            newValue: { referrerId: input.referrerId, reason: input.reason ?? null },
          });
        });
        return { created: true };
      } catch (error) {
        if (isUniqueViolation(error)) return { created: false };
        throw error;
      }
    },
    listUnscheduled(practiceId, referrerId, since) {
      return prisma.referral.findMany({
        where: { practiceId, referrerId, status: "received", receivedAt: { gte: since } },
        select: { id: true, receivedAt: true },
        orderBy: { receivedAt: "asc" },
      });
    },
    async settleUnscheduled(actor, input) {
      const { outcome, now } = input;
      const data =
        outcome === "scheduled"
          ? { status: "scheduled" as const, scheduledAt: null }
          : { status: "cancelled" as const, cancelledAt: now, notScheduledReason: outcome };
      return prisma.$transaction(async (tx) => {
        // Conditional: of two clicks (or two instances), only the first finds them still waiting.
        const changed = await tx.referral.updateMany({
          where: {
            id: { in: [...input.referralIds] },
            practiceId: actor.practiceId,
            referrerId: input.referrerId,
            status: "received",
          },
          data: { ...data, updatedAt: now },
        });
        if (changed.count === 0) return 0;
        if (input.nudgeId) {
          await tx.nudge.updateMany({
            where: { id: input.nudgeId, practiceId: actor.practiceId, status: { in: ["open", "snoozed"] } },
            data: { status: "done", liveKey: null, resolvedAt: now, resolvedBy: actor.name },
          });
        }
        await refreshReferrerStats(tx, provider, actor.practiceId, [input.referrerId], now);
        await recordAudit(tx, actor, {
          action: "referrals.not_scheduled",
          entity: "referrer",
          entityId: input.referrerId,
          oldValue: "received",
          newValue: { outcome, referrals: changed.count, nudgeId: input.nudgeId },
        });
        return changed.count;
      });
    },
    async summaryForReferrer(practiceId, referrerId, now) {
      const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
      const ninetyAgo = new Date(now.getTime() - 90 * DAY_MS);
      const base = { practiceId, referrerId, status: { not: "cancelled" as const } };
      const sentBack = { practiceId, referrerId, kind: "returned_referral" as const };
      const [year, ninety, last, lastTouch, openFeedback, allTime, backYear, backAll] = await Promise.all([
        prisma.referral.count({ where: { ...base, receivedAt: { gte: yearAgo } } }),
        prisma.referral.count({ where: { ...base, receivedAt: { gte: ninetyAgo } } }),
        prisma.referral.findFirst({ where: base, orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
        prisma.touch.findFirst({
          where: { practiceId, referrerId },
          orderBy: { occurredAt: "desc" },
          select: { occurredAt: true, kind: true },
        }),
        prisma.feedback.count({ where: { practiceId, referrerId, status: "open" } }),
        prisma.referral.count({ where: base }),
        prisma.touch.count({ where: { ...sentBack, occurredAt: { gte: yearAgo } } }),
        prisma.touch.count({ where: sentBack }),
      ]);
      return {
        referralsLast12Months: year,
        referralsLast90Days: ninety,
        lastReferralAt: last?.receivedAt ?? null,
        lastTouchAt: lastTouch?.occurredAt ?? null,
        lastTouchKind: lastTouch?.kind ?? null,
        openFeedback,
        referralsAllTime: allTime,
        sentBackLast12Months: backYear,
        sentBackAllTime: backAll,
      };
    },
  };
}
