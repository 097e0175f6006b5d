// Test support for the digest scheduler: scratch databases (several connections to one, as several
// instances would have), a practice seeded through the repositories, and a ChatDelivery that records.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Digest } from "../../src/core/digest/digest-model.ts";
import type { Actor, Practice, TouchKind } from "../../src/core/model.ts";
import { touchAnswers } from "../../src/core/nudges/touch-answers.ts";
import type { ChatDelivery, DeliveryTarget, Repositories } from "../../src/core/ports.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { createRepositories } from "../../src/db/repositories.ts";

export type TestProvider = "sqlite" | "postgresql";

export const POSTGRES_TEST_URL = process.env.TEST_DATABASE_URL;

if (POSTGRES_TEST_URL && !new URL(POSTGRES_TEST_URL).pathname.includes("test")) {
  throw new Error(
    `TEST_DATABASE_URL must name a test database (its name must contain "test"), got ${POSTGRES_TEST_URL}`,
  );
}

/** One line per test file, so a green run never hides that PostgreSQL was not tested. */
export function notePostgresSkipped(what: string): void {
  if (POSTGRES_TEST_URL) return;
  console.log(
    `PostgreSQL ${what} tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run them.`,
  );
}

export interface ScratchDatabase {
  provider: TestProvider;
  url: string;
  /** A new connection, as another instance of the bot would open. */
  connect(): Promise<Database>;
  /** Closes every connection made by connect() and removes the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated database: a SQLite file in a temp folder, or a scratch PostgreSQL database. */
export async function scratchDatabase(provider: TestProvider): Promise<ScratchDatabase> {
  let url: string;
  let remove: () => Promise<void>;
  if (provider === "postgresql") {
    if (!POSTGRES_TEST_URL) throw new Error("TEST_DATABASE_URL is not set");
    const name = `referral_nudge_scheduler_test_${randomUUID().replaceAll("-", "")}`;
    await onPostgres(POSTGRES_TEST_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
    const parsed = new URL(POSTGRES_TEST_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    remove = () => onPostgres(POSTGRES_TEST_URL!, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  } else {
    const dir = mkdtempSync(join(tmpdir(), "referral-nudge-scheduler-"));
    url = `file:${join(dir, "test.db")}`;
    remove = async () => rmSync(dir, { recursive: true, force: true });
  }
  await applyMigrations(url);
  const open: Database[] = [];
  return {
    provider,
    url,
    async connect() {
      const db = await openDatabase(url);
      open.push(db);
      return db;
    },
    async drop() {
      await Promise.allSettled(open.splice(0).map((db) => db.close()));
      await remove();
    },
  };
}

async function onPostgres<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export function systemActor(practiceId: string): Actor {
  return { practiceId, memberId: null, name: "Test Coordinator", channel: "cli", role: "coordinator" };
}

export interface SeedReferrer {
  name: string;
  specialty?: string;
  /** Referral received times, with an optional reason each. */
  referrals?: Array<{ at: Date; reason?: string }>;
  touches?: Array<{ kind: TouchKind; at: Date }>;
}

export interface SeedPractice {
  name?: string;
  timeZone?: string;
  digestTime?: string;
  digestWeekdays?: number[];
  missedDigestCutoff?: string;
  skipEmptyDigest?: boolean;
  referrers?: SeedReferrer[];
}

let seeded = 0;

/** A practice with its digest settings, referrers, referrals and touches, all written through the repositories. */
export async function seedPractice(repos: Repositories, seed: SeedPractice = {}): Promise<Practice> {
  seeded++;
  const created = await repos.practices.create({
    name: seed.name ?? `Practice ${seeded} ${randomUUID().slice(0, 8)}`,
    timeZone: seed.timeZone ?? "America/New_York",
  });
  const practice = await repos.practices.updateSettings(created.id, {
    digestTime: seed.digestTime ?? "07:30",
    digestWeekdays: seed.digestWeekdays ?? [1, 2, 3, 4, 5],
    missedDigestCutoff: seed.missedDigestCutoff ?? "12:00",
    skipEmptyDigest: seed.skipEmptyDigest ?? false,
  });
  const actor = systemActor(practice.id);
  for (const r of seed.referrers ?? []) {
    const [first, ...rest] = r.name.replace(/^Dr\.\s*/, "").split(" ");
    const referrer = await repos.referrers.create(
      practice.id,
      {
        displayName: r.name,
        firstName: rest.length ? (first ?? null) : null,
        lastName: rest.length ? rest.join(" ") : (first ?? r.name),
        specialty: r.specialty ?? null,
      },
      actor,
    );
    for (const [i, referral] of (r.referrals ?? []).entries()) {
      await repos.referrals.add(actor, {
        referrerId: referrer.id,
        sourceId: `${referrer.id}-${i}`,
        receivedAt: referral.at,
        reason: referral.reason ?? null,
      });
    }
    for (const [i, touch] of (r.touches ?? []).entries()) {
      await repos.touches.log(actor, {
        referrerId: referrer.id,
        kind: touch.kind,
        occurredAt: touch.at,
        idempotencyKey: `${referrer.id}-touch-${i}`,
        answers: touchAnswers(touch.kind),
      });
    }
  }
  return practice;
}

/** A usual practice: two referrers with referrals the day before `now`, one of them never thanked. */
export function busyPractice(now: Date, overrides: SeedPractice = {}): SeedPractice {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  return {
    referrers: [
      {
        name: "Dr. Ana Lee",
        specialty: "Family medicine",
        referrals: [
          { at: hoursAgo(20), reason: "knee pain" },
          { at: hoursAgo(18), reason: "shoulder" },
          { at: hoursAgo(40 * 24), reason: "knee pain" },
        ],
      },
      {
        name: "Dr. Raj Patel",
        referrals: [{ at: hoursAgo(6), reason: "back pain" }],
        touches: [{ kind: "thank_you", at: hoursAgo(2) }],
      },
    ],
    ...overrides,
  };
}

export interface SentDigest {
  key: string;
  practiceId: string;
  localDate: string;
  runId: string | null;
  forMemberId: string | null;
  /** Which delivery object (instance) sent it. */
  by: string;
}

/** What every RecordingDelivery of one test has sent, in order. */
export class DeliveryLog {
  readonly sent: SentDigest[] = [];
  /** Every call to deliver, including those that threw. */
  readonly calls: Array<{ key: string; ok: boolean }> = [];

  count(filter: Partial<Pick<SentDigest, "key" | "practiceId" | "localDate">> = {}): number {
    return this.sent.filter((s) => Object.entries(filter).every(([k, v]) => s[k as keyof SentDigest] === v)).length;
  }

  callsTo(key: string): number {
    return this.calls.filter((c) => c.key === key).length;
  }
}

export interface RecordingDeliveryOptions {
  log: DeliveryLog;
  /** This delivery's name in the log (e.g. the instance it belongs to). */
  name?: string;
  /** Targets per practice; one channel target by default. */
  targets?: (practiceId: string) => DeliveryTarget[];
  /** Throw on the first n calls for a key, then succeed. */
  failFirst?: Record<string, number>;
  /** Always throw for these keys. */
  alwaysFail?: string[];
  /** Wait this long inside deliver, to keep a claim busy. */
  delayMs?: number;
}

/** A ChatDelivery that records what it sends, and fails on cue. */
export function recordingDelivery(opts: RecordingDeliveryOptions): ChatDelivery {
  const failuresLeft = new Map(Object.entries(opts.failFirst ?? {}));
  const always = new Set(opts.alwaysFail ?? []);
  return {
    platform: "slack",
    async targets(practiceId) {
      return opts.targets?.(practiceId) ?? [{ platform: "slack", key: "slack:C-DIGEST", address: "C-DIGEST" }];
    },
    async deliver(target, digest: Digest) {
      if (opts.delayMs) await new Promise((done) => setTimeout(done, opts.delayMs));
      const left = failuresLeft.get(target.key) ?? 0;
      if (always.has(target.key) || left > 0) {
        failuresLeft.set(target.key, left - 1);
        opts.log.calls.push({ key: target.key, ok: false });
        throw new Error(`${target.key} is unreachable`);
      }
      opts.log.calls.push({ key: target.key, ok: true });
      opts.log.sent.push({
        key: target.key,
        practiceId: digest.practiceId,
        localDate: digest.localDate,
        runId: digest.runId,
        forMemberId: digest.forMemberId,
        by: opts.name ?? "delivery",
      });
    },
  };
}

/** Retries without waiting, remembering the pauses asked for. */
export function instantRetry(): { delaysMs: number[]; sleep: (ms: number) => Promise<void>; pauses: number[] } {
  const pauses: number[] = [];
  return {
    delaysMs: [1_000, 4_000],
    pauses,
    sleep: async (ms) => {
      pauses.push(ms);
    },
  };
}

export { createRepositories };
