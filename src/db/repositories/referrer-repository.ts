import type { ReferrerRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";
import { toReferrer } from "../mappers.ts";
import { recordAudit } from "./audit-repository.ts";

export function createReferrerRepository(prisma: PrismaDb): ReferrerRepository {
  return {
    async listForPractice(practiceId, opts = {}) {
      const rows = await prisma.referrer.findMany({
        where: { practiceId, ...(opts.includeArchived ? {} : { status: "active" }) },
        orderBy: [{ lastName: "asc" }, { displayName: "asc" }],
      });
      return rows.map(toReferrer);
    },
    async findById(practiceId, id) {
      // Always scoped by practice: an id from a button or a form never reaches another tenant's data.
      const row = await prisma.referrer.findFirst({ where: { id, practiceId } });
      return row ? toReferrer(row) : null;
    },
    async create(practiceId, input, actor) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.referrer.create({
          data: {
            practiceId,
            displayName: input.displayName,
            firstName: input.firstName ?? null,
            lastName: input.lastName,
            credentials: input.credentials ?? null,
            clinic: input.clinic ?? null,
            specialty: input.specialty ?? null,
            npi: input.npi ?? null,
            phone: input.phone ?? null,
            email: input.email ?? null,
            addressLine1: input.addressLine1 ?? null,
            addressLine2: input.addressLine2 ?? null,
            city: input.city ?? null,
            state: input.state ?? null,
            postalCode: input.postalCode ?? null,
            aliases: JSON.stringify(input.aliases ?? []),
          },
        });
        await tx.referrerStats.create({ data: { referrerId: row.id, practiceId } });
        await recordAudit(tx, actor, {
          action: "referrer.create",
          entity: "referrer",
          entityId: row.id,
          newValue: input,
        });
        return toReferrer(row);
      });
    },
    async setStatus(actor, id, status) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.referrer.findFirst({ where: { id, practiceId: actor.practiceId } });
        if (!row) return null;
        if (row.status === status) return { referrer: toReferrer(row), changed: false };
        const updated = await tx.referrer.update({ where: { id: row.id }, data: { status } });
        await recordAudit(tx, actor, {
          action: status === "archived" ? "referrer.archive" : "referrer.restore",
          entity: "referrer",
          entityId: row.id,
          oldValue: row.status,
          newValue: status,
        });
        return { referrer: toReferrer(updated), changed: true };
      });
    },
    async setOwner(actor, id, memberId) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.referrer.findFirst({ where: { id, practiceId: actor.practiceId } });
        if (!row) return null;
        // Only a member of the same practice can own its referrers.
        if (memberId && !(await tx.member.findFirst({ where: { id: memberId, practiceId: actor.practiceId } }))) {
          return null;
        }
        const updated = await tx.referrer.update({ where: { id: row.id }, data: { ownerMemberId: memberId } });
        await recordAudit(tx, actor, {
          action: "referrer.owner",
          entity: "referrer",
          entityId: row.id,
          oldValue: row.ownerMemberId,
          newValue: memberId,
        });
        return toReferrer(updated);
      });
    },
    async version(practiceId) {
      const agg = await prisma.referrer.aggregate({
        where: { practiceId },
        _count: { _all: true },
        _max: { updatedAt: true },
      });
      return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
    },
  };
}
