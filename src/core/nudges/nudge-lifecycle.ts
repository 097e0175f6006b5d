// The nudge lifecycle, decided without a database: given the stored live nudges, when each retired
// kind was last raised, and today's candidates, what to insert, update and retire. db/digest-data.ts
// applies the plan in a fixed number of queries.
import type { NudgeKind } from "../model.ts";
import type { NudgeCandidate } from "./nudge-candidate.ts";

/** A stored nudge that is still live (open or snoozed). */
export interface StoredLiveNudge {
  id: string;
  referrerId: string;
  kind: NudgeKind;
  status: "open" | "snoozed";
  snoozedUntil: Date | null;
  reason: string;
  /** The complaint an open-problem nudge is about, if any. */
  feedbackId: string | null;
}

export interface NudgeUpdate {
  id: string;
  reason: string;
  priority: number;
  triggeredAt: Date;
  /** Set when a snoozed nudge's date has come: it opens again. */
  wakes: boolean;
}

export interface NudgePlan {
  inserts: NudgeCandidate[];
  updates: NudgeUpdate[];
  /** Live nudges whose reason is gone: retired quietly as "no longer needed". */
  retire: string[];
  /** Which nudges are open after the plan: stored ids, or the index into `inserts`. */
  open: Array<{ id: string; referrerId: string; kind: NudgeKind; feedbackId: string | null } | { insert: number }>;
}

/** One live nudge per referrer and kind; a complaint's nudge is its own, keyed by the complaint too. */
export function nudgeLiveKey(referrerId: string, kind: string, feedbackId?: string | null): string {
  return feedbackId ? `${referrerId}:${kind}:${feedbackId}` : `${referrerId}:${kind}`;
}

export function planNudgeSync(
  live: readonly StoredLiveNudge[],
  /** Per live key (see nudgeLiveKey), the latest trigger of a done or dismissed nudge. */
  retiredTriggers: ReadonlyMap<string, Date | null>,
  candidates: readonly NudgeCandidate[],
  now: Date,
): NudgePlan {
  const liveBy = new Map(live.map((n) => [nudgeLiveKey(n.referrerId, n.kind, n.feedbackId), n]));
  const wanted = new Set<string>();
  const plan: NudgePlan = { inserts: [], updates: [], retire: [], open: [] };
  for (const c of candidates) {
    const key = nudgeLiveKey(c.referrerId, c.kind, c.feedbackId);
    wanted.add(key);
    const existing = liveBy.get(key);
    if (existing) {
      const wakes = existing.status === "snoozed" && existing.snoozedUntil !== null && existing.snoozedUntil <= now;
      // The due date stays as first set, so a nudge does not slide; only a new reason is written.
      if (wakes || existing.reason !== c.reason) {
        plan.updates.push({
          id: existing.id,
          reason: c.reason,
          priority: c.priority,
          triggeredAt: c.triggeredAt,
          wakes,
        });
      }
      if (existing.status === "open" || wakes)
        plan.open.push({ id: existing.id, referrerId: c.referrerId, kind: c.kind, feedbackId: existing.feedbackId });
      continue;
    }
    // Done or dismissed: stays away until something newer than what raised it happens.
    const lastTrigger = retiredTriggers.get(key);
    if (lastTrigger && c.triggeredAt <= lastTrigger) continue;
    plan.open.push({ insert: plan.inserts.length });
    plan.inserts.push(c);
  }
  plan.retire = live.filter((n) => !wanted.has(nudgeLiveKey(n.referrerId, n.kind, n.feedbackId))).map((n) => n.id);
  return plan;
}
