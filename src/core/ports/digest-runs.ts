// Port: the digest run, one row per practice and local date. Claiming that row is what makes a digest go
// out once across every instance (the database is the only thing they all share); the row then
// records, per target, what was delivered, so a retry after a partial failure resends only the rest.

/** Claims per run (first one included) before a stuck or failing run is left for a person to look at. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export type DigestRunStatus = "claimed" | "delivered" | "partial" | "skipped" | "failed";

/** How a run ends: every target got it, some did, none did, or there was nothing to send. */
export type FinalDigestRunStatus = Exclude<DigestRunStatus, "claimed">;

export interface TargetDelivery {
  status: "delivered" | "failed";
  /** When this outcome was recorded (ISO). */
  at: string;
  /** Tries made in the attempt that recorded it. */
  tries?: number;
  /** The last error, for a failed target. */
  error?: string;
}

/** Per target key ("slack:C123", "teams:dm:<memberId>", "console"). */
export type DigestDeliveries = Record<string, TargetDelivery>;

export interface DigestRun {
  id: string;
  practiceId: string;
  localDate: string;
  status: DigestRunStatus;
  claimedBy: string;
  claimedAt: Date;
  leaseUntil: Date;
  /** 1 for the first claim; each takeover or forced resend adds one. */
  attempts: number;
  deliveries: DigestDeliveries;
  deliveredAt: Date | null;
  /** The practice digest as first built for this run (JSON), reused when a later attempt resends. */
  snapshot: string | null;
  note: string | null;
}

export interface DigestRunStore {
  /**
   * Claims the practice's run for the local date, for `leaseMs` from `now`. Returns the run when this
   * instance won it: a new row, or a takeover of one whose holder's lease ran out while it was still
   * `claimed` (the holder died) or that ended `partial`/`failed` and is due for a retry. Returns null
   * otherwise: another instance holds it, it is delivered or skipped, or it has used up `maxAttempts`
   * (default DEFAULT_MAX_ATTEMPTS: a digest that kills its process every time must not loop all morning).
   * Exactly one caller wins.
   */
  claim(
    practiceId: string,
    localDate: string,
    instanceId: string,
    now: Date,
    leaseMs: number,
    opts?: {
      maxAttempts?: number;
      /** Retry a partial or failed run now instead of at its retry time (a person asked: `digest`). */
      retryNow?: boolean;
    },
  ): Promise<DigestRun | null>;
  /** Extends the lease while delivering; false when this instance no longer holds the claim. */
  renew(runId: string, instanceId: string, leaseUntil: Date): Promise<boolean>;
  /** Records one target's outcome in the run's `deliveries`. */
  recordDelivery(
    runId: string,
    targetKey: string,
    status: TargetDelivery["status"],
    detail: { at: Date; tries?: number; error?: string },
  ): Promise<void>;
  /**
   * Ends the claim. `retryAt` (for partial and failed) is when another attempt may take it over;
   * `instanceId` makes it a no-op (false) if the claim was lost to another instance meanwhile.
   */
  finish(
    runId: string,
    status: FinalDigestRunStatus,
    note?: string | null,
    opts?: { now?: Date; retryAt?: Date; instanceId?: string },
  ): Promise<boolean>;
  /** Records that the day's digest was not sent (e.g. missed past the cutoff); false if a run already exists. */
  recordSkip(
    practiceId: string,
    localDate: string,
    reason: string,
    opts?: { now?: Date; instanceId?: string },
  ): Promise<boolean>;
  find(practiceId: string, localDate: string): Promise<DigestRun | null>;
  /**
   * The practices whose run may be taken over now: its holder's lease ran out (the instance died, or a
   * partial or failed run reached its retry time) and it has attempts left. For the scheduler's sweep.
   */
  resumable(now: Date, limit?: number): Promise<string[]>;
  /** Gives the claim back at once (an attempt that failed before delivering anything), so a retry need not wait out the lease. */
  release(runId: string, instanceId: string, now: Date): Promise<boolean>;
  /**
   * `digest --force`: takes the run whatever its state and clears what was delivered, so every
   * target is sent again, on purpose. Creates the row if there is none.
   */
  forceReclaim(
    practiceId: string,
    localDate: string,
    instanceId: string,
    now: Date,
    leaseMs: number,
  ): Promise<DigestRun>;
}
