// A referrer's gifts this calendar year against the practice's limit, read from the repository: what the
// /gift reply and the profile show (to whom, see gift-visibility.ts).
import type { Practice } from "../model.ts";
import type { GiftRepository } from "../ports.ts";
import { type GiftLimit, giftLimitFor } from "./gift-limit.ts";
import { type GiftStanding, giftStanding } from "./gift-standing.ts";
import { calendarYearOf, calendarYearRange, yearTotalCents } from "./gift-year.ts";

export interface YearGifts {
  year: number;
  limit: GiftLimit;
  standing: GiftStanding;
  /** The members who gave this referrer something this year. */
  giverIds: Set<string>;
  count: number;
}

export async function yearGifts(
  gifts: Pick<GiftRepository, "listForReferrer">,
  practice: Pick<Practice, "id" | "timeZone" | "giftLimitCents">,
  referrerId: string,
  now: Date,
): Promise<YearGifts> {
  const year = calendarYearOf(now, practice.timeZone);
  const { start } = calendarYearRange(year, practice.timeZone);
  const rows = await gifts.listForReferrer(practice.id, referrerId, start);
  const limit = giftLimitFor(practice, year);
  const inYear = rows.filter((g) => calendarYearOf(g.givenAt, practice.timeZone) === year);
  return {
    year,
    limit,
    standing: giftStanding(yearTotalCents(inYear, year, practice.timeZone), limit.cents),
    giverIds: new Set(inYear.flatMap((g) => (g.memberId ? [g.memberId] : []))),
    count: inYear.length,
  };
}
