// "Scheduled, or why not?": the coordinator settles a referrer's referrals that waited too long for an
// appointment (the not-scheduled nudge, rules/not-scheduled.ts). Exactly the referrals the nudge counts
// are settled: still received, past the practice's business days. A second click finds none waiting and
// changes nothing; the store makes that hold across instances too (a conditional update).
import type { Actor, NotScheduledReason } from "../model.ts";
import { waitedTooLong } from "../nudges/rules/not-scheduled.ts";
import type { Clock, PracticeRepository, ReferralRepository } from "../ports.ts";

/** How far back a waiting referral still counts: as far as the referrer figures look (db/referrer-stats.ts). */
export const UNSCHEDULED_WINDOW_DAYS = 60;
const DAY_MS = 86_400_000;

export type SettleOutcome = "scheduled" | NotScheduledReason;

export type SettleResult = { kind: "settled"; count: number } | { kind: "none_waiting" };

export interface SettlePorts {
  referrals: Pick<ReferralRepository, "listUnscheduled" | "settleUnscheduled">;
  practices: Pick<PracticeRepository, "findById">;
  clock: Clock;
}

export async function settleUnscheduled(
  ports: SettlePorts,
  actor: Actor,
  input: { referrerId: string; outcome: SettleOutcome; nudgeId: string | null },
): Promise<SettleResult> {
  const practice = await ports.practices.findById(actor.practiceId);
  if (!practice) return { kind: "none_waiting" };
  const now = ports.clock.now();
  const since = new Date(now.getTime() - UNSCHEDULED_WINDOW_DAYS * DAY_MS);
  const waiting = await ports.referrals.listUnscheduled(actor.practiceId, input.referrerId, since);
  const days = practice.settings.notScheduledBusinessDays;
  const due = waiting.filter((r) => waitedTooLong(r.receivedAt, now, days, practice.timeZone));
  if (due.length === 0) return { kind: "none_waiting" };
  const count = await ports.referrals.settleUnscheduled(actor, {
    referrerId: input.referrerId,
    referralIds: due.map((r) => r.id),
    outcome: input.outcome,
    nudgeId: input.nudgeId,
    now,
  });
  return count > 0 ? { kind: "settled", count } : { kind: "none_waiting" };
}
