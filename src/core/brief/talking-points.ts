// Three things worth saying on the visit, drawn from the facts in the order they matter to the
// relationship: a problem of ours first, then what they are waiting for, then the trend and the favor.
import type { BriefFacts } from "./brief-facts.ts";

const DAY_MS = 86_400_000;
const days = (from: Date | null, now: Date) =>
  from ? Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS)) : 0;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function talkingPoints(f: BriefFacts): string[] {
  const points: string[] = [];
  const oldestComplaint = [...f.complaints].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
  if (oldestComplaint) {
    points.push(
      `Say what we have done about their complaint of ${days(oldestComplaint.createdAt, f.now)} days ago before anything else.`,
    );
  }
  if (f.unscheduled.count > 0) {
    points.push(
      `${plural(f.unscheduled.count, "referral")} of theirs not booked yet (oldest ${days(f.unscheduled.oldestAt, f.now)} days): bring the dates or the reason.`,
    );
  }
  if (f.loopsOpen.count > 0) {
    points.push(`Tell them how ${plural(f.loopsOpen.count, "patient")} we saw went: the loop is still open.`);
  }
  const thisYear = f.months.thisYear.reduce((a, b) => a + b, 0);
  const before = f.months.yearBefore.reduce((a, b) => a + b, 0);
  if (before >= 4 && thisYear <= before * 0.75) {
    points.push(`Referrals are down from ${before} to ${thisYear} on the year before: ask what has changed for them.`);
  } else if (thisYear >= 4 && thisYear >= before * 1.25) {
    points.push(`Thank them for ${thisYear} referrals this year (${before} the year before).`);
  }
  if (f.summary.referralsLast12Months >= 3 && f.summary.sentBackLast12Months === 0) {
    points.push("We have sent no patient back this year: ask which of our patients they could see.");
  }
  const lastCall = f.touches.find((t) => t.kind === "call" || t.kind === "meeting" || t.kind === "liaison_visit");
  if (!lastCall) points.push("Nobody has called or met them in their last five touches: ask how we can help.");
  points.push("Ask how referring to us is going and what one thing we could do better.");
  return points.slice(0, 3);
}
