// HL7 v2 sending facilities linked to practices (core/ports/hl7-facilities.ts); every change audited.
import type { Hl7FacilityLink, Hl7FacilityStore } from "../core/ports.ts";
import type { PrismaDb } from "./database.ts";
import { recordAudit } from "./repositories/audit-repository.ts";

type LinkRow = Awaited<ReturnType<PrismaDb["hl7Facility"]["findFirstOrThrow"]>>;

function toLink(row: LinkRow): Hl7FacilityLink {
  return {
    id: row.id,
    practiceId: row.practiceId,
    facility: row.facility,
    sourceSystem: row.sourceSystem,
    createdAt: row.createdAt,
  };
}

export function createHl7FacilityStore(prisma: PrismaDb): Hl7FacilityStore {
  return {
    async link(actor, { practiceId, facility, sourceSystem }) {
      return prisma.$transaction(async (tx) => {
        const existing = await tx.hl7Facility.findUnique({ where: { facility } });
        if (existing && existing.practiceId !== practiceId) return { kind: "taken" as const, link: toLink(existing) };
        if (existing && existing.sourceSystem === sourceSystem) {
          return { kind: "unchanged" as const, link: toLink(existing) };
        }
        const row = existing
          ? await tx.hl7Facility.update({ where: { id: existing.id }, data: { sourceSystem } })
          : await tx.hl7Facility.create({ data: { practiceId, facility, sourceSystem } });
        await recordAudit(tx, actor, {
          action: "hl7_facility.link",
          entity: "hl7_facility",
          entityId: row.id,
          ...(existing ? { oldValue: { facility, sourceSystem: existing.sourceSystem } } : {}),
          newValue: { facility, sourceSystem },
        });
        return { kind: "linked" as const, link: toLink(row) };
      });
    },
    async find(facility) {
      const row = await prisma.hl7Facility.findUnique({
        where: { facility },
        include: { practice: { select: { timeZone: true } } },
      });
      return row ? { ...toLink(row), timeZone: row.practice.timeZone } : null;
    },
    async list(practiceId) {
      const rows = await prisma.hl7Facility.findMany({ where: { practiceId }, orderBy: { facility: "asc" } });
      return rows.map(toLink);
    },
    async unlink(actor, practiceId, facility) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.hl7Facility.findFirst({ where: { practiceId, facility } });
        if (!row) return null;
        await tx.hl7Facility.delete({ where: { id: row.id } });
        await recordAudit(tx, actor, {
          action: "hl7_facility.unlink",
          entity: "hl7_facility",
          entityId: row.id,
          oldValue: { facility: row.facility, sourceSystem: row.sourceSystem },
        });
        return toLink(row);
      });
    },
  };
}
