// How a referrer's gifts this year read in chat: the total against the limit, and the warning when it is
// near (80 %) or over. Only ever put into a reply that mayShowGiftAmounts allowed.
import type { GiftLimit } from "./gift-limit.ts";
import type { GiftStanding } from "./gift-standing.ts";
import { formatCents } from "./money.ts";

/** "$85 of $535 (15 %)" */
export function standingLine(standing: GiftStanding): string {
  return `${formatCents(standing.totalCents)} of ${formatCents(standing.limitCents)} (${standing.percent} %)`;
}

/** The warning for a standing near or over the limit; null while well within it. */
export function standingWarning(name: string, standing: GiftStanding, year: number): string | null {
  if (standing.status === "over") {
    return `⚠ ${name} is over the yearly limit for gifts and meals: ${standingLine(standing)} in ${year}, ${formatCents(standing.overCents)} too much. Stop giving this year and tell whoever handles compliance.`;
  }
  if (standing.status === "near") {
    return `⚠ ${name} is at ${standing.percent} % of the yearly limit for gifts and meals: ${formatCents(standing.leftCents)} left for ${year}.`;
  }
  return null;
}

/** Where the limit comes from, and how an admin changes it. */
export function limitSource(limit: GiftLimit, year: number): string {
  const from =
    limit.source === "practice"
      ? "the practice's own limit"
      : limit.cmsYear === year
        ? `CMS's figure for ${year} (42 CFR 411.357(k))`
        : `CMS's latest known figure, for ${limit.cmsYear} (42 CFR 411.357(k)); check CMS for ${year}`;
  return `Limit per physician a year: ${formatCents(limit.cents)}, ${from}. Admins change it with /referrals settings giftlimit 500.`;
}
