// Seals every stored Slack installation under the current ENCRYPTION_KEY: those stored plain before a key
// was set (the first start with a key does this) and those sealed under an older key (`keys rotate`, with
// the old key in ENCRYPTION_KEY_PREVIOUS). Each row is swapped only if nobody changed it meanwhile.
import type { PrismaDb } from "./database.ts";
import type { SecretCipher } from "./secret-cipher.ts";

export interface SealCounts {
  sealed: number;
  alreadyCurrent: number;
}

export async function sealStoredInstallations(prisma: PrismaDb, cipher: SecretCipher): Promise<SealCounts> {
  const counts: SealCounts = { sealed: 0, alreadyCurrent: 0 };
  if (!cipher.enabled) return counts;
  const rows = await prisma.chatWorkspace.findMany({
    where: { installation: { not: null } },
    select: { id: true, installation: true },
  });
  for (const row of rows) {
    const stored = row.installation as string;
    if (cipher.isCurrent(stored)) {
      counts.alreadyCurrent++;
      continue;
    }
    const swapped = await prisma.chatWorkspace.updateMany({
      where: { id: row.id, installation: stored },
      data: { installation: cipher.seal(cipher.open(stored)) },
    });
    counts.sealed += swapped.count;
  }
  return counts;
}
