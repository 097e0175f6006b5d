// The reciprocity ledger in one line, as the profile and the brief show it.
import type { ReferrerSummary } from "../ports.ts";

/** "34 · 3 in 12 months (50 · 4 in all)": what they sent us against what we sent back. */
export function reciprocityLine(
  s: Pick<ReferrerSummary, "referralsLast12Months" | "sentBackLast12Months" | "referralsAllTime" | "sentBackAllTime">,
): string {
  const year = `${s.referralsLast12Months} · ${s.sentBackLast12Months} in 12 months`;
  const older = s.referralsAllTime !== s.referralsLast12Months || s.sentBackAllTime !== s.sentBackLast12Months;
  return older ? `${year} (${s.referralsAllTime} · ${s.sentBackAllTime} in all)` : year;
}
