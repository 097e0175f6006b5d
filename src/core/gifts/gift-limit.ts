// The yearly limit per physician for gifts and meals. The Stark law's exception for non-monetary compensation
// (42 CFR 411.357(k)) allows items and services up to a yearly total that CMS raises each calendar year by
// the CPI-U. A practice may set its own (the `giftlimit` setting): a stricter policy, or next year's figure
// before this table has it.

/**
 * What CMS publishes for each calendar year, in cents
 * (https://www.cms.gov/medicare/regulations-guidance/physician-self-referral/cpi-u-updates; see README,
 * "Gifts and meals"). Add next year's figure when CMS publishes it, each autumn.
 */
export const CMS_NON_MONETARY_LIMIT_CENTS: Readonly<Record<number, number>> = {
  2022: 45_200,
  2023: 48_900,
  2024: 50_700,
  2025: 51_900,
  2026: 53_500,
};

export interface GiftLimit {
  cents: number;
  /** "cms": CMS's figure for `cmsYear`; "practice": the practice's own setting. */
  source: "cms" | "practice";
  /** The calendar year CMS's figure is for (the latest known when the year is newer than the table). */
  cmsYear: number;
}

/** CMS's figure for the year, or the latest one known for a year not published yet (the earliest for older years). */
export function cmsLimitFor(year: number): { cents: number; year: number } {
  const years = Object.keys(CMS_NON_MONETARY_LIMIT_CENTS)
    .map(Number)
    .sort((a, b) => a - b);
  const known = years.filter((y) => y <= year).at(-1) ?? years[0]!;
  return { cents: CMS_NON_MONETARY_LIMIT_CENTS[known]!, year: known };
}

/** The limit that applies to the practice in that calendar year. */
export function giftLimitFor(practice: { giftLimitCents?: number }, year: number): GiftLimit {
  const cms = cmsLimitFor(year);
  return practice.giftLimitCents !== undefined
    ? { cents: practice.giftLimitCents, source: "practice", cmsYear: cms.year }
    : { cents: cms.cents, source: "cms", cmsYear: cms.year };
}
