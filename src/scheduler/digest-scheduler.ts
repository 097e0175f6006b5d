// Runs each practice's daily digest on time, in the practice's own time zone, on every instance at once:
// each instance fires, and the claim in sendDigest lets exactly one of them send.
//
// Three triggers, one decision (checkPractice):
// - node-cron, one task per practice ("30 7 * * 1-5" in the practice's zone): the on-time send.
// - a one-shot timer for a digest time that falls in a spring-forward gap, which node-cron skips
//   (see digest-schedule.ts for the daylight-saving choices).
// - a poll every minute: picks up settings changed on another instance (by fingerprint) without a
//   restart, and re-checks every practice, which sends a digest nobody has sent yet, takes over a
//   claim whose instance died (its lease ran out), and retries the targets of a partial run.
// On start, the same check sends a missed digest before the practice's cutoff, or records a skip after it.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import cron, { type ScheduledTask } from "node-cron";
import type { Practice } from "../core/model.ts";
import {
  type CardDataPort,
  type ChatDelivery,
  DEFAULT_MAX_ATTEMPTS,
  type DigestDataPort,
  type DigestRun,
  type DigestRunStore,
  type Repositories,
} from "../core/ports.ts";
import type { Logger } from "../logging/logger.ts";
import {
  cronExpressionFor,
  type DigestPhase,
  digestDayAt,
  nextDigestAt,
  scheduleFingerprint,
} from "./digest-schedule.ts";
import { type RetryPolicy, type SendDigestResult, sendDigest } from "./send-digest.ts";

export const DEFAULT_POLL_INTERVAL_MS = 60_000;
/** How often to look for runs whose holder died: with the 30 s lease, a dead instance's digest goes out within 45 s. */
export const DEFAULT_SWEEP_INTERVAL_MS = 15_000;

export interface DigestSchedulerDeps {
  repos: Repositories;
  /** The claims that make each practice's digest go out once (src/db implements it; wired in src/app). */
  store: DigestRunStore;
  data: DigestDataPort;
  /** The thank-you cards' batches: on a practice's card day its run sends the card-day message too. */
  cards?: CardDataPort;
  /** Slack, Teams, and the console when neither is configured (see withConsoleFallback). */
  deliveries: readonly ChatDelivery[];
  logger: Logger;
  /** This instance's name in claims; host, pid and a random suffix by default. */
  instanceId?: string;
  clock?: () => Date;
  pollIntervalMs?: number;
  sweepIntervalMs?: number;
  leaseMs?: number;
  retry?: RetryPolicy;
  retryRunAfterMs?: number;
}

export interface ScheduledDigest {
  practiceId: string;
  practiceName: string;
  /** node-cron expression, null when the practice's schedule cannot be run (logged). */
  expression: string | null;
  timeZone: string;
  /** The next digest instant, as computed with Luxon. */
  nextRunAt: Date | null;
  /** Set when the next digest falls in a spring-forward gap and a timer stands in for node-cron. */
  gapTimerAt: Date | null;
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
}

export interface DigestScheduler {
  readonly instanceId: string;
  /** Schedules every practice, starts the poll, then sends (or skips) a digest missed while down. */
  start(): Promise<PracticeCheck[]>;
  /** Stops every task and timer and waits for digests being sent to finish. */
  stop(): Promise<void>;
  /** Re-reads one practice and replaces its schedule (call after its settings change here). */
  reschedule(practiceId: string): Promise<void>;
  /** Checks every practice at `now`: sends what is due and unsent, records a skip past the cutoff. */
  runMissed(now?: Date): Promise<PracticeCheck[]>;
  /** Re-reads all practices (schedule changes made elsewhere), then runs the checks: what the poll does. */
  poll(now?: Date): Promise<PracticeCheck[]>;
  /** Takes over runs whose holder's lease ran out (what the 15-second sweep does). */
  sweep(now?: Date): Promise<PracticeCheck[]>;
  /** What is scheduled now. */
  scheduled(): ScheduledDigest[];
}

interface Entry {
  practice: Practice;
  fingerprint: string;
  expression: string | null;
  task: ScheduledTask | null;
  gapTimer: NodeJS.Timeout | null;
  gapAt: Date | null;
}

export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;
}

export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const instanceId = deps.instanceId ?? defaultInstanceId();
  const clock = deps.clock ?? (() => new Date());
  const log = deps.logger.child({ task: "digest-schedule", instanceId });
  const { store } = deps;
  const sendDeps = {
    repos: deps.repos,
    store,
    data: deps.data,
    ...(deps.cards ? { cards: deps.cards } : {}),
    deliveries: deps.deliveries,
    logger: deps.logger,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.leaseMs !== undefined ? { leaseMs: deps.leaseMs } : {}),
    ...(deps.retryRunAfterMs !== undefined ? { retryRunAfterMs: deps.retryRunAfterMs } : {}),
  };
  const entries = new Map<string, Entry>();
  const inFlight = new Set<Promise<unknown>>();
  let pollTimer: NodeJS.Timeout | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<PracticeCheck[]> | null = null;
  let polling: Promise<PracticeCheck[]> | null = null;
  let running = false;

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  function unschedule(practiceId: string): void {
    const entry = entries.get(practiceId);
    if (!entry) return;
    void entry.task?.destroy();
    if (entry.gapTimer) clearTimeout(entry.gapTimer);
    entries.delete(practiceId);
  }

  function schedule(practice: Practice, now: Date): void {
    unschedule(practice.id);
    const entry: Entry = {
      practice,
      fingerprint: scheduleFingerprint(practice),
      expression: null,
      task: null,
      gapTimer: null,
      gapAt: null,
    };
    entries.set(practice.id, entry);
    try {
      entry.expression = cronExpressionFor(practice);
      // noOverlap: a digest still retrying at the next firing is not started twice by this instance.
      entry.task = cron.schedule(entry.expression, (ctx) => onFire(practice.id, ctx.date), {
        timezone: practice.timeZone,
        name: `digest:${practice.id}`,
        noOverlap: true,
      });
      armGapTimer(entry, now);
      log.info(
        { practiceId: practice.id, expression: entry.expression, timeZone: practice.timeZone },
        "digest scheduled",
      );
    } catch (error) {
      log.error({ practiceId: practice.id, err: String(error) }, "cannot schedule this practice's digest");
    }
  }

  /** node-cron never fires a time that does not exist that day; a timer fires it instead. */
  function armGapTimer(entry: Entry, now: Date): void {
    const next = nextDigestAt(entry.practice, now);
    const wanted = next?.inGap ? next.at : null;
    if (entry.gapAt?.getTime() === wanted?.getTime()) return;
    if (entry.gapTimer) clearTimeout(entry.gapTimer);
    entry.gapTimer = null;
    entry.gapAt = wanted;
    if (!wanted) return;
    const practiceId = entry.practice.id;
    // At most eight days ahead, well inside setTimeout's 24.8-day limit.
    entry.gapTimer = setTimeout(() => void onFire(practiceId, wanted), Math.max(0, wanted.getTime() - now.getTime()));
    entry.gapTimer.unref();
    log.info({ practiceId, at: wanted.toISOString() }, "digest time falls in a daylight-saving gap: timer armed");
  }

  async function onFire(practiceId: string, scheduledAt: Date): Promise<void> {
    if (!running) return;
    // A timer may wake a moment before its instant: then the slot's instant counts. Otherwise the clock
    // rules (a firing far from it, as in a test with a fixed clock, acts like a poll at the clock's time).
    const current = clock().getTime();
    const early = scheduledAt.getTime() - current;
    const now = new Date(early > 0 && early <= 60_000 ? scheduledAt.getTime() : current);
    try {
      const practice = await deps.repos.practices.findById(practiceId);
      if (!practice) {
        unschedule(practiceId);
        return;
      }
      const entry = entries.get(practiceId);
      // Changed on another instance since the last poll: check against the new settings, then reschedule.
      if (!entry || entry.fingerprint !== scheduleFingerprint(practice)) schedule(practice, clock());
      else entry.practice = practice;
      await track(checkPractice(practice, now));
    } catch (error) {
      log.error({ practiceId, err: String(error) }, "digest firing failed");
    } finally {
      const entry = entries.get(practiceId);
      if (entry && running) {
        entry.gapAt = null;
        armGapTimer(entry, new Date(Math.max(clock().getTime(), now.getTime() + 1)));
      }
    }
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
      return { practiceId: practice.id, localDate: null, phase: null, action: "error", error: String(error) };
    }
    const check = { practiceId: practice.id, localDate: day.localDate, phase: day.phase };
    try {
      if (day.phase === "not-a-digest-day") return { ...check, action: "not-a-digest-day" };
      if (day.phase === "before") return { ...check, action: "not-yet" };
      // Read first: most checks (one a minute) find the day's run settled, and a read takes no write lock.
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
      return { ...check, action: "attempted", result };
    } catch (error) {
      log.error({ practiceId: practice.id, localDate: day.localDate, err: String(error) }, "digest check failed");
      return { ...check, action: "error", error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function runMissed(now: Date = clock()): Promise<PracticeCheck[]> {
    const practices = await deps.repos.practices.list();
    // Side by side: one practice retrying a slow channel must not hold up another's digest.
    return track(Promise.all(practices.map((p) => checkPractice(p, now))));
  }

  async function refresh(now: Date): Promise<void> {
    const practices = await deps.repos.practices.list();
    const ids = new Set(practices.map((p) => p.id));
    for (const practiceId of [...entries.keys()]) if (!ids.has(practiceId)) unschedule(practiceId);
    for (const practice of practices) {
      const entry = entries.get(practice.id);
      if (!entry || entry.fingerprint !== scheduleFingerprint(practice)) {
        if (entry) log.info({ practiceId: practice.id }, "digest settings changed: rescheduling");
        schedule(practice, now);
      } else {
        entry.practice = practice;
        armGapTimer(entry, now);
      }
    }
  }

  /**
   * Takes over the runs whose holder died (or whose retry time came) without waiting for the minute poll:
   * one indexed query, then the usual check for each practice found, which claims the run once.
   */
  async function sweep(now: Date = clock()): Promise<PracticeCheck[]> {
    if (sweeping) return sweeping;
    sweeping = (async () => {
      try {
        const ids = await store.resumable(now);
        const practices = await Promise.all(ids.map((id) => deps.repos.practices.findById(id)));
        return await track(Promise.all(practices.flatMap((p) => (p ? [checkPractice(p, now)] : []))));
      } finally {
        sweeping = null;
      }
    })();
    return sweeping;
  }

  async function poll(now: Date = clock()): Promise<PracticeCheck[]> {
    // A slow poll (a digest retrying) is not stacked on by the next one.
    if (polling) return polling;
    polling = (async () => {
      try {
        await refresh(now);
        return await runMissed(now);
      } finally {
        polling = null;
      }
    })();
    return polling;
  }

  return {
    instanceId,

    async start() {
      if (running) return [];
      running = true;
      const now = clock();
      await refresh(now);
      pollTimer = setInterval(() => {
        poll().catch((error: unknown) => log.error({ err: String(error) }, "digest poll failed"));
      }, deps.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
      pollTimer.unref();
      sweepTimer = setInterval(() => {
        sweep().catch((error: unknown) => log.error({ err: String(error) }, "digest sweep failed"));
      }, deps.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
      sweepTimer.unref();
      return runMissed(now);
    },

    async stop() {
      running = false;
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = null;
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      for (const practiceId of [...entries.keys()]) unschedule(practiceId);
      await Promise.allSettled([...inFlight]);
    },

    async reschedule(practiceId) {
      const practice = await deps.repos.practices.findById(practiceId);
      if (!practice) {
        unschedule(practiceId);
        return;
      }
      schedule(practice, clock());
    },

    runMissed,
    poll,
    sweep,

    scheduled() {
      const now = clock();
      return [...entries.values()].map((entry) => {
        let nextRunAt: Date | null = null;
        try {
          nextRunAt = nextDigestAt(entry.practice, now)?.at ?? null;
        } catch {
          nextRunAt = null;
        }
        return {
          practiceId: entry.practice.id,
          practiceName: entry.practice.name,
          expression: entry.expression,
          timeZone: entry.practice.timeZone,
          nextRunAt,
          gapTimerAt: entry.gapAt,
        };
      });
    },
  };
}
