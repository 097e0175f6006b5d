// Runs each practice's daily digest on time, in the practice's own time zone, on every instance at once.
//
// Scheduled by due time, not by a timer per practice: each practice's next digest instant (computed with
// Luxon, see digest-schedule.ts) is kept in the database (Practice.nextDigestAt), and every few seconds
// each instance takes what is due, a few practices at a time (FOR UPDATE SKIP LOCKED on PostgreSQL), holds
// them briefly so the others pass them by, checks each (checkPractice), and writes its next time. One
// query every few seconds whatever the number of practices, work spread over the instances, and nothing
// per practice in memory: a cron task per practice on every instance meant 10,000 timers each, and all of
// them firing into every instance at once at 07:30.
//
// The claim on the digest run (sendDigest) is still what makes a digest go out once: the due time only
// decides who looks when. A second sweep, every 15 s, takes over runs whose holder died (its lease ran out).
// A new practice, or one whose settings changed (anywhere: the repository clears the time), has no time
// and is looked at by the next sweep: a digest missed while every instance was down goes out before the
// practice's cutoff, or a skip is recorded after it.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Practice } from "../core/model.ts";
import {
  type CardDataPort,
  type ChartDataPort,
  type ChatDelivery,
  DEFAULT_MAX_ATTEMPTS,
  type DigestDataPort,
  type DigestDueStore,
  type DigestRun,
  type DigestRunStore,
  type NudgeExposureStore,
  type Repositories,
  type TeamActivityPort,
  type TeamSummaryRunStore,
} from "../core/ports.ts";
import type { Logger } from "../logging/logger.ts";
import { type DigestPhase, digestDayAt, nextDigestAt } from "./digest-schedule.ts";
import { DEFAULT_LEASE_MS, type RetryPolicy, type SendDigestResult, sendDigest } from "./send-digest.ts";
import { sendWeeklySummaries } from "./send-weekly-summaries.ts";

/** How often an instance looks for due practices: a digest goes out within this of its time. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** How often to look for runs whose holder died: with the 30 s lease, a dead instance's digest goes out within 45 s. */
export const DEFAULT_SWEEP_INTERVAL_MS = 15_000;
/**
 * Practices one instance checks side by side. A check mostly waits (about 20 queries, then Slack), so more
 * than the database pool's 10 connections keeps them busy; beyond 16 the pool is the limit (measured: one
 * instance, 300 due practices on PostgreSQL, 17/s at 8 and 20/s at 32 on a loaded machine).
 */
export const DEFAULT_CONCURRENCY = 16;
/** When a check failed (the database was away): look again in a minute. */
const RECHECK_AFTER_ERROR_MS = 60_000;
/** A schedule that cannot be computed (a bad time zone) is looked at again hourly, in case it is fixed. */
const RECHECK_BROKEN_SCHEDULE_MS = 3_600_000;

export interface DigestSchedulerDeps {
  repos: Repositories;
  /** The claims that make each practice's digest go out once (src/db implements it; wired in src/app). */
  store: DigestRunStore;
  /** When each practice is looked at next: the queue every instance shares. */
  due: DigestDueStore;
  data: DigestDataPort;
  /** The Monday team summary to each manager (see send-weekly-summaries.ts); off when absent. */
  weekly?: { team: TeamActivityPort; runs: TeamSummaryRunStore };
  /** Counts nudges shown without a click (see send-digest.ts); off when absent. */
  exposures?: NudgeExposureStore;
  /** The thank-you cards' batches: on a practice's card day its run sends the card-day message too. */
  cards?: CardDataPort;
  /** Draws the going-quiet nudges' referrer trends into the digest (see send-digest.ts). */
  chartData?: ChartDataPort;
  /** Slack, Teams, and the console when neither is configured (see withConsoleFallback). */
  deliveries: readonly ChatDelivery[];
  logger: Logger;
  /** This instance's name in claims; host, pid and a random suffix by default. */
  instanceId?: string;
  clock?: () => Date;
  pollIntervalMs?: number;
  sweepIntervalMs?: number;
  concurrency?: number;
  leaseMs?: number;
  retry?: RetryPolicy;
  retryRunAfterMs?: number;
}

export interface ScheduledDigest {
  practiceId: string;
  /** When a sweep looks at the practice next; null: at the next sweep. */
  nextDigestAt: Date | null;
}

export type PracticeCheckAction =
  | "not-a-digest-day"
  | "not-yet"
  /** sendDigest was called; `result` says what happened. */
  | "attempted"
  /** Past the cutoff with no run: a skip was recorded. */
  | "skip-recorded"
  /** The run exists and needs nothing from this instance now. */
  | "nothing-to-do"
  | "error";

export interface PracticeCheck {
  practiceId: string;
  localDate: string | null;
  phase: DigestPhase | null;
  action: PracticeCheckAction;
  result?: SendDigestResult;
  error?: string;
  /** When the practice is to be looked at next, as worked out after this check. */
  nextAt?: Date;
}

export interface DigestScheduler {
  readonly instanceId: string;
  /** Starts the sweeps and runs the first one: a digest missed while down goes out (or is skipped) now. */
  start(): Promise<PracticeCheck[]>;
  /** Stops the sweeps and waits for digests being sent to finish. */
  stop(): Promise<void>;
  /** The practice's settings changed here: look at it at once (the repository has cleared its time too). */
  reschedule(practiceId: string): Promise<void>;
  /** Checks every practice at `now`, due or not: sends what is due and unsent, records a skip past the cutoff. */
  runMissed(now?: Date): Promise<PracticeCheck[]>;
  /** Takes the practices due at `now`, until none is left, and checks each: what the 5-second sweep does. */
  poll(now?: Date): Promise<PracticeCheck[]>;
  /** Takes over runs whose holder's lease ran out (what the 15-second sweep does). */
  sweep(now?: Date): Promise<PracticeCheck[]>;
  /** Each practice's next look, from the database. */
  scheduled(): Promise<ScheduledDigest[]>;
}

export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;
}

export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const instanceId = deps.instanceId ?? defaultInstanceId();
  const clock = deps.clock ?? (() => new Date());
  const log = deps.logger.child({ task: "digest-schedule", instanceId });
  const { store, due } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const concurrency = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  const sendDeps = {
    repos: deps.repos,
    store,
    data: deps.data,
    ...(deps.exposures ? { exposures: deps.exposures } : {}),
    ...(deps.cards ? { cards: deps.cards } : {}),
    ...(deps.chartData ? { chartData: deps.chartData } : {}),
    deliveries: deps.deliveries,
    logger: deps.logger,
    ...(deps.retry ? { retry: deps.retry } : {}),
    leaseMs,
    ...(deps.retryRunAfterMs !== undefined ? { retryRunAfterMs: deps.retryRunAfterMs } : {}),
  };
  const inFlight = new Set<Promise<unknown>>();
  let pollTimer: NodeJS.Timeout | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<PracticeCheck[]> | null = null;
  let polling: Promise<PracticeCheck[]> | null = null;
  let running = false;
  let stopping = false;

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  function retryable(run: DigestRun, now: Date): boolean {
    return (
      (run.status === "claimed" || run.status === "partial" || run.status === "failed") &&
      run.leaseUntil < now &&
      run.attempts < DEFAULT_MAX_ATTEMPTS
    );
  }

  async function checkPractice(practice: Practice, now: Date): Promise<PracticeCheck> {
    let day: ReturnType<typeof digestDayAt>;
    try {
      day = digestDayAt(practice, now);
    } catch (error) {
      log.error({ practiceId: practice.id, err: String(error) }, "cannot work out this practice's digest time");
      return { practiceId: practice.id, localDate: null, phase: null, action: "error", error: String(error) };
    }
    const check = { practiceId: practice.id, localDate: day.localDate, phase: day.phase };
    try {
      if (day.phase === "not-a-digest-day") return { ...check, action: "not-a-digest-day" };
      if (day.phase === "before") return { ...check, action: "not-yet" };
      // Read first: most checks find the day's run settled, and a read takes no write lock.
      const existing = await store.find(practice.id, day.localDate);
      if (day.phase === "past-cutoff") {
        if (existing) return { ...check, action: "nothing-to-do" };
        const reason = `missed: not sent by the ${practice.missedDigestCutoff} cutoff`;
        const recorded = await store.recordSkip(practice.id, day.localDate, reason, { now, instanceId });
        if (recorded) log.warn({ practiceId: practice.id, localDate: day.localDate }, "missed digest skipped");
        return { ...check, action: recorded ? "skip-recorded" : "nothing-to-do" };
      }
      if (existing && !retryable(existing, now)) return { ...check, action: "nothing-to-do" };
      const result = await sendDigest(sendDeps, practice, day.localDate, { now, instanceId });
      await weeklySummaries(practice, now);
      return { ...check, action: "attempted", result };
    } catch (error) {
      log.error({ practiceId: practice.id, localDate: day.localDate, err: String(error) }, "digest check failed");
      return { ...check, action: "error", error: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * When to look at the practice again after a check: its next digest once today's is settled (or not
   * today's business), else when the run's lease or retry time runs out, which is when it may be taken over.
   */
  async function nextLookAt(practice: Practice, check: PracticeCheck, now: Date): Promise<Date> {
    const later = (ms: number) => new Date(now.getTime() + ms);
    const nextDigest = () => {
      try {
        // No digest weekdays at all: nothing to send; look again daily in case that changes elsewhere.
        return nextDigestAt(practice, now)?.at ?? later(86_400_000);
      } catch {
        return later(RECHECK_BROKEN_SCHEDULE_MS);
      }
    };
    if (check.action === "error") return later(check.localDate ? RECHECK_AFTER_ERROR_MS : RECHECK_BROKEN_SCHEDULE_MS);
    if (check.phase !== "due" || !check.localDate) return nextDigest();
    // The usual morning: this check settled the day, so there is nothing to read back.
    const outcome = check.result?.outcome;
    if (outcome === "delivered" || outcome === "skipped" || outcome === "already-done") return nextDigest();
    const run = await store.find(practice.id, check.localDate);
    if (!run) return later(RECHECK_AFTER_ERROR_MS);
    if (run.status === "delivered" || run.status === "skipped" || run.attempts >= DEFAULT_MAX_ATTEMPTS) {
      return nextDigest();
    }
    // Held by someone (perhaps this instance's own `digest now`) or waiting for its retry time.
    return new Date(Math.max(run.leaseUntil.getTime() + 1, now.getTime() + 1_000));
  }

  /** Monday's team summary for each manager, once a week (its own claims); never fails the digest check. */
  async function weeklySummaries(practice: Practice, now: Date): Promise<void> {
    if (!deps.weekly) return;
    try {
      const sent = await sendWeeklySummaries(
        { repos: deps.repos, deliveries: deps.deliveries, logger: deps.logger, ...deps.weekly },
        practice,
        now,
        instanceId,
      );
      if (sent?.delivered.length) log.info({ practiceId: practice.id, ...sent }, "weekly team summaries sent");
    } catch (error) {
      log.warn({ practiceId: practice.id, err: String(error) }, "weekly team summaries failed");
    }
  }

  /** Checks one practice and writes its next time (only over this instance's own hold, when it took one). */
  async function checkAndReschedule(practice: Practice, now: Date, heldUntil?: Date): Promise<PracticeCheck> {
    const check = await checkPractice(practice, now);
    try {
      const after = new Date(Math.max(now.getTime(), clock().getTime()));
      check.nextAt = await nextLookAt(practice, check, after);
      await due.setNext(practice.id, check.nextAt, heldUntil ? { ifHeldUntil: heldUntil } : {});
    } catch (error) {
      // The hold runs out by itself, and a sweep then looks again.
      log.warn({ practiceId: practice.id, err: String(error) }, "could not set the practice's next digest time");
    }
    return check;
  }

  /** Runs `work` over `items` with at most `concurrency` at a time, in order. */
  async function pooled<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    return results;
  }

  /**
   * Takes due practices a few at a time, only as workers come free (a practice held in a long queue here
   * would wait while another instance sits idle), until none is due. `fixedNow` pins the clock (tests, a
   * --date run); otherwise each check reads the clock, since draining a busy morning takes minutes.
   */
  async function drainDue(fixedNow: Date | undefined, keepChecks: boolean): Promise<PracticeCheck[]> {
    const checks: PracticeCheck[] = [];
    const buffer: Array<{ practice: Practice; heldUntil: Date }> = [];
    let exhausted = false;
    let fetching: Promise<void> | null = null;
    const at = () => fixedNow ?? clock();

    async function take(): Promise<{ practice: Practice; heldUntil: Date } | undefined> {
      for (;;) {
        const item = buffer.shift();
        if (item) return item;
        if (exhausted || stopping) return undefined;
        fetching ??= (async () => {
          const now = at();
          const heldUntil = new Date(now.getTime() + leaseMs);
          const taken = await due.takeDue(now, heldUntil, concurrency);
          if (taken.length === 0) exhausted = true;
          for (const practice of taken) buffer.push({ practice, heldUntil });
        })().finally(() => {
          fetching = null;
        });
        await fetching;
      }
    }

    const worker = async () => {
      for (let item = await take(); item; item = await take()) {
        const check = await checkAndReschedule(item.practice, at(), item.heldUntil);
        if (keepChecks) checks.push(check);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return checks;
  }

  async function runMissed(now: Date = clock()): Promise<PracticeCheck[]> {
    const practices = await deps.repos.practices.list();
    // Side by side, a few at a time: one practice retrying a slow channel must not hold up another's digest.
    return track(pooled(practices, (p) => checkAndReschedule(p, now)));
  }

  /**
   * Takes over the runs whose holder died (or whose retry time came) without waiting for their practice's
   * time: one indexed query, then the usual check for each practice found, which claims the run once.
   */
  async function sweep(now: Date = clock()): Promise<PracticeCheck[]> {
    if (sweeping) return sweeping;
    sweeping = (async () => {
      try {
        const ids = await store.resumable(now);
        const practices = (await Promise.all(ids.map((id) => deps.repos.practices.findById(id)))).filter(
          (p): p is Practice => p !== null,
        );
        return await track(pooled(practices, (p) => checkPractice(p, now)));
      } finally {
        sweeping = null;
      }
    })();
    return sweeping;
  }

  function pollWith(now: Date | undefined, keepChecks: boolean): Promise<PracticeCheck[]> {
    // A slow sweep (a busy morning) is not stacked on by the next one: it drains until nothing is due.
    if (polling) return polling;
    polling = track(drainDue(now, keepChecks)).finally(() => {
      polling = null;
    });
    return polling;
  }

  return {
    instanceId,

    async start() {
      if (running) return [];
      running = true;
      stopping = false;
      pollTimer = setInterval(() => {
        pollWith(undefined, false).catch((error: unknown) => log.error({ err: String(error) }, "digest poll failed"));
      }, deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
      pollTimer.unref();
      sweepTimer = setInterval(() => {
        sweep().catch((error: unknown) => log.error({ err: String(error) }, "digest sweep failed"));
      }, deps.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
      sweepTimer.unref();
      // The first sweep at once, with its checks kept for the caller.
      return pollWith(undefined, true);
    },

    async stop() {
      running = false;
      stopping = true;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      await Promise.allSettled([...inFlight]);
    },

    async reschedule(practiceId) {
      await due.lookNow(practiceId);
      // At once rather than at the next sweep: a digest time moved to a minute ago goes out now.
      if (running) {
        await pollWith(undefined, false).catch((error: unknown) =>
          log.error({ err: String(error) }, "digest poll failed"),
        );
      }
    },

    runMissed,
    poll: (now) => pollWith(now, true),
    sweep,

    async scheduled() {
      return due.list();
    },
  };
}
