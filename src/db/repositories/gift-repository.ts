// Gifts and meals given to referrers, each written once per idempotency key and audited.
import { cleanOptionalText } from "../../core/phi/clean-free-text.ts";
import type { GiftRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";
import { toGift } from "../mappers.ts";
import { recordAudit } from "./audit-repository.ts";
import { logOnce } from "./log-once.ts";

export function createGiftRepository(prisma: PrismaDb): GiftRepository {
  async function existing(idempotencyKey: string) {
    const row = await prisma.gift.findUnique({ where: { idempotencyKey } });
    return row ? { gift: toGift(row), created: false } : null;
  }

  return {
    async log(actor, raw) {
      // The last line of defence: what it was never stores a patient identifier, whatever path it came by.
      const input = { ...raw, description: cleanOptionalText(raw.description) ?? null };
      return logOnce(
        () => existing(input.idempotencyKey),
        () =>
          prisma.$transaction(async (tx) => {
            const row = await tx.gift.create({
              data: {
                practiceId: actor.practiceId,
                referrerId: input.referrerId,
                memberId: actor.memberId,
                actorName: actor.name,
                description: input.description,
                amountCents: input.amountCents,
                givenAt: input.givenAt,
                idempotencyKey: input.idempotencyKey,
              },
            });
            await recordAudit(tx, actor, {
              action: "gift.log",
              entity: "gift",
              entityId: row.id,
              newValue: {
                referrerId: input.referrerId,
                amountCents: input.amountCents,
                description: input.description,
              },
            });
            return { gift: toGift(row), created: true };
          }),
      );
    },
    async listForReferrer(practiceId, referrerId, since) {
      const rows = await prisma.gift.findMany({
        where: { practiceId, referrerId, givenAt: { gte: since } },
        orderBy: { givenAt: "asc" },
      });
      return rows.map(toGift);
    },
  };
}
