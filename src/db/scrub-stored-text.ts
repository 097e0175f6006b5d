// `referral-nudge scrub`: free text stored before cleaning existed (or by an older cleaner) is cleaned with the
// same function the doors use. Idempotent: cleaned text cleans to itself, so a second run changes nothing.
// Only counts come back, never the text.
import { cleanFreeText, cleanOptionalText } from "../core/phi/clean-free-text.ts";
import type { PrismaDb } from "./database.ts";

const PAGE = 1_000;

export interface ScrubCounts {
  referrals: { checked: number; cleaned: number };
  referrers: { checked: number; cleaned: number };
  touches: { checked: number; cleaned: number };
  feedback: { checked: number; cleaned: number };
}

/** Reads a table page by page in id order, and writes back the rows whose text the cleaner changes. */
async function scrubTable<R extends { id: string }>(
  page: (after: string | null) => Promise<R[]>,
  clean: (row: R) => Record<string, string | null> | null,
  write: (id: string, data: Record<string, string | null>) => Promise<unknown>,
): Promise<{ checked: number; cleaned: number }> {
  let after: string | null = null;
  let checked = 0;
  let cleaned = 0;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) break;
    for (const row of rows) {
      checked++;
      const data = clean(row);
      if (data) {
        await write(row.id, data);
        cleaned++;
      }
    }
    after = rows.at(-1)!.id;
  }
  return { checked, cleaned };
}

/** The fields of `row` that change when cleaned, or null when none does. */
function changed<R>(row: R, fields: ReadonlyArray<keyof R & string>): Record<string, string | null> | null {
  const data: Record<string, string | null> = {};
  for (const field of fields) {
    const value = row[field] as unknown as string | null;
    const next = cleanOptionalText(value);
    if (next !== value) data[field] = next;
  }
  return Object.keys(data).length > 0 ? data : null;
}

export async function scrubStoredText(prisma: PrismaDb): Promise<ScrubCounts> {
  const cursor = (after: string | null) => ({
    take: PAGE,
    orderBy: { id: "asc" as const },
    ...(after ? { where: { id: { gt: after } } } : {}),
  });
  const referrals = await scrubTable(
    (after) => prisma.referral.findMany({ ...cursor(after), select: { id: true, reason: true, specialty: true } }),
    (row) => changed(row, ["reason", "specialty"]),
    (id, data) => prisma.referral.update({ where: { id }, data }),
  );
  const referrers = await scrubTable(
    (after) => prisma.referrer.findMany({ ...cursor(after), select: { id: true, specialty: true } }),
    (row) => changed(row, ["specialty"]),
    (id, data) => prisma.referrer.update({ where: { id }, data }),
  );
  const touches = await scrubTable(
    (after) => prisma.touch.findMany({ ...cursor(after), select: { id: true, note: true } }),
    (row) => changed(row, ["note"]),
    (id, data) => prisma.touch.update({ where: { id }, data }),
  );
  const feedback = await scrubTable(
    (after) => prisma.feedback.findMany({ ...cursor(after), select: { id: true, text: true } }),
    (row) => {
      const text = cleanFreeText(row.text);
      return text !== row.text ? { text } : null;
    },
    (id, data) => prisma.feedback.update({ where: { id }, data: { text: data.text ?? "" } }),
  );
  return { referrals, referrers, touches, feedback };
}
