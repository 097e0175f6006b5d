// One practice's digest for one local date: claim the run, build, deliver to every target, record.
// The scheduler, the minute poll and `referral-nudge digest` all come through here, so "exactly once"
// lives in one place: the claim (see DigestRunStore in core/ports/digest-runs.ts).

import { withGoingQuietCharts } from "../core/charts/going-quiet-charts.ts";
import { buildDailyDigest } from "../core/digest/build-daily-digest.ts";
import type { Digest } from "../core/digest/digest-model.ts";
import { recordShowings } from "../core/digest/record-showings.ts";
import { renderDigest } from "../core/digest/render-digest.ts";
import type { Practice } from "../core/model.ts";
import type {
  CardDataPort,
  ChartDataPort,
  ChatDelivery,
  DeliveryTarget,
  DigestDataPort,
  DigestRun,
  DigestRunStore,
  FinalDigestRunStatus,
  NudgeExposureStore,
  Repositories,
} from "../core/ports.ts";
import type { Logger } from "../logging/logger.ts";
import { cardDaySends } from "./card-day-deliveries.ts";
import { digestToText } from "./console-delivery.ts";

/** Long enough to build and send a digest; renewed every third of it while delivering. */
/**
 * How long a claim holds without renewal: the holder renews it every third of it while it delivers, and
 * another instance's sweep takes over a run whose holder died soon after this runs out (within a minute).
 */
export const DEFAULT_LEASE_MS = 30_000;
/** Pauses between tries of one target: 3 tries in all, about 5 s at worst. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 4_000] as const;
/** How long a partial or failed run waits before a later attempt (any instance) retries what failed. */
export const DEFAULT_RETRY_RUN_AFTER_MS = 5 * 60_000;

export interface RetryPolicy {
  /** The pause before each retry; its length plus one is the number of tries. */
  delaysMs?: readonly number[];
  /** Injectable so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SendDigestDeps {
  repos: Pick<Repositories, "members" | "referrers">;
  /** The thank-you cards' batches: with them, a card-day run also sends the card-day message. */
  cards?: CardDataPort;
  store: DigestRunStore;
  data: DigestDataPort;
  /** Draws the going-quiet nudges' referrer trends into the digest; without it they show as words only. */
  chartData?: ChartDataPort;
  /** Counts each nudge shown without a click, per reader (paused after three, then handed on); off when absent. */
  exposures?: NudgeExposureStore;
  /** Every platform the practice's digest goes to (Slack, Teams, console); targets come from each. */
  deliveries: readonly ChatDelivery[];
  logger: Logger;
  retry?: RetryPolicy;
  leaseMs?: number;
  retryRunAfterMs?: number;
}

export interface SendDigestOptions {
  now: Date;
  instanceId: string;
  /** Send again on purpose, to every target, even if the day's digest went out already. */
  force?: boolean;
  /** Build and render only: no claim, nothing sent, nothing recorded. */
  dryRun?: boolean;
  /** Retry what failed in a partial run now, without waiting for its retry time. */
  retryNow?: boolean;
}

export type SendDigestOutcome =
  /** Every target has it (some perhaps from an earlier attempt). */
  | "delivered"
  /** Some targets failed; a later attempt retries only those. */
  | "partial"
  /** No target could be reached; a later attempt retries. */
  | "failed"
  /** Nothing sent on purpose: an empty day with skipEmptyDigest, or no target configured. */
  | "skipped"
  /** The day's run is finished already (delivered or skipped): nothing sent. */
  | "already-done"
  /** Another attempt holds the run, or it waits for its retry time: nothing sent. */
  | "busy"
  /** Another instance took the run over mid-way (this one was too slow); it finishes the job. */
  | "lost-claim"
  | "dry-run";

export interface SendDigestResult {
  outcome: SendDigestOutcome;
  practiceId: string;
  localDate: string;
  runId: string | null;
  /** Targets delivered by this call. */
  delivered: string[];
  /** Targets that failed every try in this call. */
  failed: Array<{ key: string; error: string }>;
  /** Targets an earlier attempt had delivered, not sent again. */
  alreadyDelivered: string[];
  /** Every target key, in order. */
  targets: string[];
  /** The run as found, when this call did not get it. */
  existing?: Pick<DigestRun, "status" | "claimedBy" | "deliveredAt" | "leaseUntil" | "note">;
  /** Dry run: the practice digest as plain text. */
  text?: string;
  note?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export async function sendDigest(
  deps: SendDigestDeps,
  practice: Practice,
  localDate: string,
  opts: SendDigestOptions,
): Promise<SendDigestResult> {
  const log = deps.logger.child({ practiceId: practice.id, localDate });
  const base = { practiceId: practice.id, localDate, delivered: [], failed: [], alreadyDelivered: [] };

  if (opts.dryRun) {
    const digest = await buildDailyDigest(deps.data, practice, localDate, { now: opts.now, runId: null });
    const targets = await listTargets(deps.deliveries, practice.id);
    const text = digestToText(renderDigest(digest));
    return { ...base, outcome: "dry-run", runId: null, targets: targets.map((t) => t.target.key), text };
  }

  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const run = opts.force
    ? await deps.store.forceReclaim(practice.id, localDate, opts.instanceId, opts.now, leaseMs)
    : await deps.store.claim(practice.id, localDate, opts.instanceId, opts.now, leaseMs, {
        ...(opts.retryNow ? { retryNow: true } : {}),
      });
  if (!run) {
    const existing = await deps.store.find(practice.id, localDate);
    const done = existing?.status === "delivered" || existing?.status === "skipped";
    return {
      ...base,
      outcome: done ? "already-done" : "busy",
      runId: existing?.id ?? null,
      targets: [],
      ...(existing ? { existing: pick(existing) } : {}),
    };
  }
  log.info({ runId: run.id, attempt: run.attempts, instanceId: opts.instanceId }, "digest run claimed");

  // The lease clock starts at `now` and advances with real time, so a caller's fixed `now` (a test,
  // or a --date run) and the renewals stay on one timeline.
  const started = performance.now();
  const clock = () => new Date(opts.now.getTime() + (performance.now() - started));
  const lease = keepLease(deps.store, run, opts.instanceId, clock, leaseMs, log);
  try {
    return await deliverRun(deps, practice, run, opts, clock, lease, log);
  } catch (error) {
    // Failed before it could finish (the build, or listing targets): let the next attempt start at once.
    // Released as of the claim's own `now`, so that even a caller on a fixed clock may try again.
    await deps.store.release(run.id, opts.instanceId, opts.now).catch(() => {});
    throw error;
  } finally {
    lease.stop();
  }
}

async function deliverRun(
  deps: SendDigestDeps,
  practice: Practice,
  run: DigestRun,
  opts: SendDigestOptions,
  clock: () => Date,
  lease: Lease,
  log: Logger,
): Promise<SendDigestResult> {
  const result: SendDigestResult = {
    outcome: "delivered",
    practiceId: practice.id,
    localDate: run.localDate,
    runId: run.id,
    delivered: [],
    failed: [],
    alreadyDelivered: [],
    targets: [],
  };
  const finish = async (status: FinalDigestRunStatus, note: string | null) => {
    const now = clock();
    const retryAt =
      status === "partial" || status === "failed"
        ? new Date(now.getTime() + (deps.retryRunAfterMs ?? DEFAULT_RETRY_RUN_AFTER_MS))
        : undefined;
    const finished = await deps.store.finish(run.id, status, note, {
      now,
      instanceId: opts.instanceId,
      ...(retryAt ? { retryAt } : {}),
    });
    result.outcome = finished ? status : "lost-claim";
    if (note) result.note = note;
    log.info({ runId: run.id, status: result.outcome, ...summary(result) }, "digest run finished");
    return result;
  };

  // A later attempt resends the digest the first one built, so every target of one day reads the same.
  const practiceDigest = run.snapshot
    ? (JSON.parse(run.snapshot) as Digest)
    : await withCharts(
        deps,
        await buildDailyDigest(deps.data, practice, run.localDate, {
          now: clock(),
          runId: run.id,
          ...(deps.exposures ? { paused: await deps.exposures.pausedFor(practice.id, "channel") } : {}),
        }),
        clock(),
        log,
      );
  if (!run.snapshot) await deps.data.saveSnapshot(practice.id, run.id, practiceDigest);

  const targets = await listTargets(deps.deliveries, practice.id);
  const cardSends = await cardDaySends(deps, practice, clock(), targets);
  if (practiceDigest.empty && practice.skipEmptyDigest && cardSends.length === 0) {
    return finish("skipped", "nothing new and nothing to do");
  }

  result.targets = [...targets, ...cardSends].map((t) => t.target.key);
  if (result.targets.length === 0) {
    return finish("skipped", "no delivery targets (no chat workspace or digest channel)");
  }

  // A digest send carries its digest (its showings are counted once it is delivered) and, where the
  // platform can tell, a way to ask whether the target has it already; a card-day send has neither.
  const pending: Array<{
    target: DeliveryTarget;
    send: () => Promise<void>;
    digest?: Digest;
    alreadyHas?: (since: Date) => Promise<boolean>;
  }> = [];
  const quietDay = practiceDigest.empty && practice.skipEmptyDigest;
  const personal = new Map<string, Digest>();
  for (const { target, delivery } of targets) {
    if (quietDay) break;
    if (run.deliveries[target.key]?.status === "delivered") {
      result.alreadyDelivered.push(target.key);
      continue;
    }
    // Built one after another before any sending: each build also syncs the nudge table.
    const digest = target.memberId
      ? await personalDigest(deps, practice, run, target.memberId, practiceDigest, clock, personal, log)
      : practiceDigest;
    const alreadyHas = delivery.alreadyHas?.bind(delivery);
    pending.push({
      target,
      send: () => delivery.deliver(target, digest),
      digest,
      ...(alreadyHas ? { alreadyHas: (since: Date) => alreadyHas(target, digest, since) } : {}),
    });
  }
  for (const card of cardSends) {
    if (run.deliveries[card.target.key]?.status === "delivered") result.alreadyDelivered.push(card.target.key);
    else pending.push(card);
  }

  const retry = deps.retry ?? {};
  const delays = retry.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = retry.sleep ?? defaultSleep;
  // Results are written one at a time: the store's compare-and-set would cope, but need not.
  let writes: Promise<void> = Promise.resolve();
  const record = (...args: Parameters<DigestRunStore["recordDelivery"]>) => {
    writes = writes.catch(() => {}).then(() => deps.store.recordDelivery(...args));
    return writes;
  };

  // One reader's showings after another: a nudge two readers passed over on the same day is handed on once.
  let counting: Promise<void> = Promise.resolve();
  const countInTurn = (digest: Digest) => {
    counting = counting.then(() => countShowings(deps, digest, clock(), log));
    return counting;
  };

  // Settled, not all: one target's failed write must not abandon the others mid-send.
  const settled = await Promise.allSettled(
    pending.map(async ({ target, send, digest, alreadyHas }) => {
      let lastError = "";
      // A later attempt first asks whether the target has the digest already: the attempt before may have
      // died after the platform took it and before it was recorded. A forced resend starts a new claim
      // time, so what was posted before it does not count.
      if (run.attempts > 1 && alreadyHas) {
        const has = await alreadyHas(run.claimedAt).catch((error: unknown) => {
          log.warn({ target: target.key, err: String(error) }, "could not ask whether the digest is there already");
          return false;
        });
        if (has) {
          result.alreadyDelivered.push(target.key);
          await record(run.id, target.key, "delivered", { at: clock(), tries: 0 });
          return;
        }
      }
      for (let tries = 1; tries <= delays.length + 1; tries++) {
        // Once another instance has taken the run over, it sends; this one must not as well.
        if (lease.lost()) return;
        try {
          await send();
        } catch (error) {
          lastError = error instanceof Error ? error.message : String(error);
          log.warn({ target: target.key, tries, err: lastError }, "digest delivery failed");
          const pause = delays[tries - 1];
          if (pause !== undefined) await sleep(pause);
          continue;
        }
        // Outside the try: a failed write after a good send must not send it again.
        result.delivered.push(target.key);
        await record(run.id, target.key, "delivered", { at: clock(), tries });
        if (digest) await countInTurn(digest);
        return;
      }
      await record(run.id, target.key, "failed", { at: clock(), tries: delays.length + 1, error: lastError });
      result.failed.push({ key: target.key, error: lastError });
    }),
  );

  const broken = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (broken) throw broken.reason;
  if (lease.lost()) {
    result.outcome = "lost-claim";
    return result;
  }
  if (result.failed.length === 0) return finish("delivered", null);
  const reached = result.delivered.length + result.alreadyDelivered.length;
  const failedKeys = result.failed.map((f) => f.key).join(", ");
  return reached > 0
    ? finish("partial", `not delivered to ${failedKeys}; will retry`)
    : finish("failed", `not delivered to ${failedKeys}; will retry`);
}

/**
 * A physician's own digest, favouring what they should do; the practice digest if the member is gone.
 * Kept per member before it is sent, so a click in their direct message redraws their own list.
 */
async function personalDigest(
  deps: SendDigestDeps,
  practice: Practice,
  run: DigestRun,
  memberId: string,
  fallback: Digest,
  clock: () => Date,
  cache: Map<string, Digest>,
  log: Logger,
): Promise<Digest> {
  const cached = cache.get(memberId);
  if (cached) return cached;
  let digest = fallback;
  try {
    // A later attempt resends what the first one built for this member, as it does the practice digest.
    const kept = await deps.data.loadSnapshot(practice.id, run.id, memberId);
    if (kept) digest = kept;
    else {
      const member = await deps.repos.members.findById(memberId);
      if (member) {
        const own = await buildDailyDigest(deps.data, practice, run.localDate, {
          now: clock(),
          runId: run.id,
          forMember: member,
          onlyTheirs: true,
          since: new Date(fallback.newReferrals.since),
          ...(deps.exposures
            ? {
                paused: await deps.exposures.pausedFor(practice.id, member.id),
                handedOn: await deps.exposures.handedOnTo(practice.id, member.id),
              }
            : {}),
        });
        const drawn = await withCharts(deps, own, clock(), log);
        // Before sending, as for the practice digest: a click that comes at once must find it.
        await deps.data.saveSnapshot(practice.id, run.id, drawn);
        digest = drawn;
      }
    }
  } catch (error) {
    // One member's digest must not hold up everyone's: they get the practice digest instead.
    log.warn({ memberId, err: String(error) }, "personal digest failed; sending the practice digest");
  }
  cache.set(memberId, digest);
  return digest;
}

/** The digest with its charts; a chart that cannot be read leaves the digest as words, never unsent. */
async function withCharts(deps: SendDigestDeps, digest: Digest, now: Date, log: Logger): Promise<Digest> {
  try {
    return await withGoingQuietCharts(deps.chartData, digest, now);
  } catch (error) {
    log.warn({ err: String(error) }, "could not read the going-quiet charts; the digest goes without them");
    return digest;
  }
}

/** One more showing of each nudge the reader got; never fails the delivery it follows. */
async function countShowings(deps: SendDigestDeps, digest: Digest, now: Date, log: Logger): Promise<void> {
  if (!deps.exposures) return;
  try {
    const escalated = await recordShowings({ exposures: deps.exposures, repos: deps.repos }, digest, now);
    for (const e of escalated) {
      log.info({ nudgeId: e.nudgeId, to: e.escalatedToMemberId }, "nudge passed over three times; handed on");
    }
  } catch (error) {
    log.warn({ err: String(error) }, "could not count the nudges shown");
  }
}

async function listTargets(
  deliveries: readonly ChatDelivery[],
  practiceId: string,
): Promise<Array<{ target: DeliveryTarget; delivery: ChatDelivery }>> {
  const seen = new Set<string>();
  const all: Array<{ target: DeliveryTarget; delivery: ChatDelivery }> = [];
  for (const delivery of deliveries) {
    for (const target of await delivery.targets(practiceId)) {
      // The key is what the run records, so two targets with one key would be sent once.
      if (seen.has(target.key)) continue;
      seen.add(target.key);
      all.push({ target, delivery });
    }
  }
  return all;
}

interface Lease {
  lost(): boolean;
  stop(): void;
}

/** How long before the lease's end this instance stops starting sends on it: a renewal that is this late is in doubt. */
function leaseMargin(leaseMs: number): number {
  return Math.min(5_000, Math.floor(leaseMs / 6));
}

/**
 * Renews the claim every third of the lease; notices when another instance has taken it over. Also counts
 * the claim as lost, without asking, once the last renewal that succeeded is about to run out: a process
 * whose renewals stall (an overloaded database, a paused VM) must not send after another instance's sweep
 * may already have taken the run over.
 */
function keepLease(
  store: DigestRunStore,
  run: DigestRun,
  instanceId: string,
  clock: () => Date,
  leaseMs: number,
  log: Logger,
): Lease {
  let lost = false;
  let heldUntil = run.leaseUntil.getTime();
  const margin = leaseMargin(leaseMs);
  const timer = setInterval(
    () => {
      const until = new Date(clock().getTime() + leaseMs);
      store
        .renew(run.id, instanceId, until)
        .then((held) => {
          if (!held && !lost) log.warn({ runId: run.id, instanceId }, "digest claim lost to another instance");
          if (!held) lost = true;
          else heldUntil = Math.max(heldUntil, until.getTime());
        })
        .catch((error: unknown) => log.warn({ runId: run.id, err: String(error) }, "could not renew the digest claim"));
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    lost: () => lost || clock().getTime() > heldUntil - margin,
    stop: () => clearInterval(timer),
  };
}

function pick(run: DigestRun): NonNullable<SendDigestResult["existing"]> {
  return {
    status: run.status,
    claimedBy: run.claimedBy,
    deliveredAt: run.deliveredAt,
    leaseUntil: run.leaseUntil,
    note: run.note,
  };
}

function summary(result: SendDigestResult) {
  return {
    delivered: result.delivered.length,
    failed: result.failed.length,
    alreadyDelivered: result.alreadyDelivered.length,
  };
}
