// Port: when each practice's digest is next looked at, kept in the database (Practice.nextDigestAt) so that
// every instance works from one queue. A sweep takes what is due and holds it for a while, so the other
// instances pass it by; the one that took it sets the next time when it is done. Exactly once is still
// the digest run's claim (digest-runs.ts): two instances that both take a practice send its digest once.
import type { Practice } from "../model.ts";

export interface DigestDueStore {
  /**
   * Takes up to `limit` practices whose time has come (at or before `now`, or never set: a new practice,
   * or one whose settings changed) and sets their time to `holdUntil`, so another instance's sweep skips
   * them until then (an instance that dies holding them delays them to that time, no longer).
   * Earliest first. Of several instances taking at once, each practice goes to one.
   */
  takeDue(now: Date, holdUntil: Date, limit: number): Promise<Practice[]>;
  /**
   * Sets when the practice is looked at next. With `ifHeldUntil`, only if its time is still that hold:
   * a settings change (which clears the time) or another instance's hold made meanwhile wins.
   */
  setNext(practiceId: string, at: Date, opts?: { ifHeldUntil?: Date }): Promise<boolean>;
  /** Clears the time so the next sweep looks at the practice at once (its settings changed here). */
  lookNow(practiceId: string): Promise<void>;
  /** Every practice's next time, for `scheduled()`: null when it has none yet. */
  list(): Promise<Array<{ practiceId: string; nextDigestAt: Date | null }>>;
}
