// Arithmetic over a referrer's per-day referral counts ([epochDay, count] ascending, at most ~400 entries).
// Everything here is linear in the list: the digest runs it for thousands of referrers at once.

export type ReferralDays = ReadonlyArray<readonly [number, number]>;

/** Index of the first entry whose day is ≥ `day` (binary search; the list is ascending). */
function firstIndexFrom(days: ReferralDays, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]![0] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Referrals on days in [fromDay, toDay). */
export function referralsBetween(days: ReferralDays, fromDay: number, toDay: number): number {
  let total = 0;
  for (let i = firstIndexFrom(days, fromDay); i < days.length; i++) {
    const [day, count] = days[i]!;
    if (day >= toDay) break;
    total += count;
  }
  return total;
}

/** Referrals in the `span` days ending with `today` (inclusive): the last 365 days, the last 90 days. */
export function referralsInLast(days: ReferralDays, today: number, span: number): number {
  return referralsBetween(days, today - span + 1, today + 1);
}

export interface ReferralRhythm {
  /** Distinct days with a referral in the window. */
  activeDays: number;
  /** First and last of those days (NaN when there are none). */
  firstDay: number;
  lastDay: number;
  /** Median gap in days between consecutive referral days (NaN with fewer than two days). */
  medianGap: number;
}

/** Reused between calls (JavaScript runs one at a time) so thousands of referrers allocate nothing. */
let scratch = new Int32Array(512);

/** The referrer's rhythm over days in [fromDay, toDay]. O(n): the median is found by selection, not by sorting. */
export function referralRhythm(days: ReferralDays, fromDay: number, toDay: number): ReferralRhythm {
  const start = firstIndexFrom(days, fromDay);
  const end = firstIndexFrom(days, toDay + 1);
  const activeDays = end - start;
  if (activeDays === 0) return { activeDays, firstDay: Number.NaN, lastDay: Number.NaN, medianGap: Number.NaN };
  if (scratch.length < activeDays) scratch = new Int32Array(activeDays * 2);
  const gaps = scratch.subarray(0, activeDays - 1);
  for (let i = start + 1; i < end; i++) gaps[i - start - 1] = days[i]![0] - days[i - 1]![0];
  return { activeDays, firstDay: days[start]![0], lastDay: days[end - 1]![0], medianGap: median(gaps) };
}

/** Median of the values (the mean of the middle two for an even count); reorders `values`. */
export function median(values: Int32Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  // After selection everything left of n/2 is ≤ the upper middle, so the lower middle is their maximum.
  let lower = values[0]!;
  for (let i = 1; i < n >> 1; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/** Hoare's quickselect: the k-th smallest value, leaving smaller ones to its left. Average O(n). */
function select(values: Int32Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}
