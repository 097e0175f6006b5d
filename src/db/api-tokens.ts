// API tokens (core/ports/intake.ts ApiTokenStore): only the token's hash is stored; every change audited.
import type { ApiTokenInfo, ApiTokenStore } from "../core/ports.ts";
import type { PrismaDb } from "./database.ts";
import { recordAudit } from "./repositories/audit-repository.ts";

type TokenRow = Awaited<ReturnType<PrismaDb["apiToken"]["findFirstOrThrow"]>>;

function toInfo(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id,
    practiceId: row.practiceId,
    label: row.label,
    sourceSystem: row.sourceSystem,
    hint: row.hint,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}

export function createApiTokenStore(prisma: PrismaDb): ApiTokenStore {
  return {
    async create(actor, input) {
      return prisma.$transaction(async (tx) => {
        // Field by field: whatever else the caller's object holds (the token itself) never reaches a query.
        const { practiceId, label, sourceSystem, tokenHash, hint } = input;
        const row = await tx.apiToken.create({ data: { practiceId, label, sourceSystem, tokenHash, hint } });
        await recordAudit(tx, actor, {
          action: "api_token.create",
          entity: "api_token",
          entityId: row.id,
          newValue: { label: row.label, sourceSystem: row.sourceSystem, hint: row.hint },
        });
        return toInfo(row);
      });
    },
    async findActive(tokenHash) {
      const row = await prisma.apiToken.findUnique({
        where: { tokenHash },
        include: { practice: { select: { apiRequestsPerMinute: true, timeZone: true } } },
      });
      if (!row || row.revokedAt) return null;
      return { ...toInfo(row), requestsPerMinute: row.practice.apiRequestsPerMinute, timeZone: row.practice.timeZone };
    },
    async list(practiceId) {
      const rows = await prisma.apiToken.findMany({ where: { practiceId }, orderBy: { createdAt: "asc" } });
      return rows.map(toInfo);
    },
    async revoke(actor, practiceId, idOrHint) {
      return prisma.$transaction(async (tx) => {
        const matches = await tx.apiToken.findMany({
          where: { practiceId, OR: [{ id: idOrHint }, { hint: idOrHint }] },
        });
        if (matches.length !== 1) return null;
        const row = matches[0]!;
        if (row.revokedAt) return toInfo(row);
        const revoked = await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
        await recordAudit(tx, actor, {
          action: "api_token.revoke",
          entity: "api_token",
          entityId: row.id,
          newValue: { label: row.label, hint: row.hint },
        });
        return toInfo(revoked);
      });
    },
    async setRequestsPerMinute(actor, practiceId, perMinute) {
      await prisma.$transaction(async (tx) => {
        const before = await tx.practice.findUniqueOrThrow({ where: { id: practiceId } });
        await tx.practice.update({ where: { id: practiceId }, data: { apiRequestsPerMinute: perMinute } });
        await recordAudit(tx, actor, {
          action: "settings.update",
          entity: "practice",
          entityId: practiceId,
          oldValue: { apiRequestsPerMinute: before.apiRequestsPerMinute },
          newValue: { apiRequestsPerMinute: perMinute },
        });
      });
    },
  };
}
