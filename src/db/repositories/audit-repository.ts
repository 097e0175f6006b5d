import type { AuditRepository } from "../../core/ports.ts";
import type { PrismaDb } from "../database.ts";

type Tx = Pick<PrismaDb, "auditEvent">;

function serialise(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Writes one audit row; takes a transaction client so the row commits with the change it describes. */
export async function recordAudit(
  tx: Tx,
  actor: { practiceId: string; name: string; channel: string; memberId?: string | null },
  event: { action: string; entity: string; entityId?: string | null; oldValue?: unknown; newValue?: unknown },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      practiceId: actor.practiceId,
      actor: actor.name,
      memberId: actor.memberId ?? null,
      source: actor.channel,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId ?? null,
      oldValue: serialise(event.oldValue),
      newValue: serialise(event.newValue),
    },
  });
}

export function createAuditRepository(prisma: PrismaDb): AuditRepository {
  return { record: (actor, event) => recordAudit(prisma, actor, event) };
}
