// Whether a referrer is the practice's. Reads that then filter by referrer alone (so SQLite answers them
// from the indexes by referrer, without the table) check this first, once.
import type { PrismaDb } from "./database.ts";

export async function referrerBelongsTo(prisma: PrismaDb, practiceId: string, referrerId: string): Promise<boolean> {
  return (await prisma.referrer.count({ where: { id: referrerId, practiceId } })) === 1;
}
