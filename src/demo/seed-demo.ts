// `seed-demo`: fills a practice with a year of believable referral life, so the digest has something to
// say on day one. A few referrers send most of the patients (a Zipf split), mostly on weekdays, with a
// seasonal swell; statuses move on with time (old referrals seen and closed, recent ones waiting or
// booked, a few cancelled); thank-yous, calls, visits and feedback requests come with gaps a practice
// really has. On top of that, scripted referrers make sure the digest shows every kind of nudge: a top
// referrer not met for seven months, patients seen with no call back, referrals nobody thanked, a first
// referral this week, a steady referrer gone quiet, negative feedback left open.
//
// Everything is drawn from a seeded random source and placed relative to `now`, so the same `now` gives
// the same demo. It is written in one transaction with bulk inserts and one stats refresh at the end.
// There are no patients in it: a referral carries at most a record-number tail such as "MRN-…4821".
import type { Actor, Practice, ReferralStatus, Sentiment, TouchKind } from "../core/model.ts";
import type { DemoStore, FeedbackRow } from "../core/ports.ts";
import { DemoAddressBook } from "./demo-addresses.ts";
import {
  DEMO_REASONS,
  DEMO_STAFF,
  type DemoReferrer,
  demoDisplayName,
  RANKED_REFERRERS,
  SCRIPTED_REFERRERS,
} from "./demo-referrers.ts";
import { LocalDays } from "./local-days.ts";
import { createRandom, cumulative, makeNpi, type Random, sampleIndex, zipfWeights } from "./random.ts";

/** Demo referrals carry this source id prefix: it is how a second run knows the demo is there. */
export const DEMO_SOURCE_PREFIX = "DEMO-";
export const DEFAULT_DEMO_SEED = 20260314;
/** Referrals the ranked referrers send in a year, before the scripted ones. */
const YEARLY_REFERRALS = 1500;
const YEAR_DAYS = 365;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface SeedDemoOptions {
  now?: Date;
  /** Wipe the practice's referrers, referrals, touches, feedback and nudges first. */
  reset?: boolean;
  seed?: number;
  actor?: Actor;
}

export interface DemoCounts {
  referrers: number;
  referrals: number;
  touches: number;
  feedback: number;
}

export type SeedDemoResult =
  | ({ status: "seeded"; wiped: boolean; durationMs: number } & DemoCounts)
  | { status: "already-seeded"; referrers: number }
  | { status: "not-empty"; referrers: number };

interface ReferrerRow {
  id: string;
  practiceId: string;
  displayName: string;
  firstName: string;
  lastName: string;
  credentials: string;
  clinic: string;
  specialty: string;
  npi: string;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  status: "active" | "archived";
}

interface ReferralRow {
  id: string;
  practiceId: string;
  referrerId: string;
  sourceId: string;
  receivedAt: Date;
  reason: string;
  specialty: string;
  status: ReferralStatus;
  scheduledAt: Date | null;
  seenAt: Date | null;
  loopClosedAt: Date | null;
  cancelledAt: Date | null;
  patientRef: string | null;
}

interface TouchRow {
  id: string;
  practiceId: string;
  referrerId: string;
  kind: TouchKind;
  actorName: string;
  occurredAt: Date;
  note: string | null;
  channel: "slack";
  referralId: string | null;
  idempotencyKey: string;
}

export interface DemoPlan {
  referrers: ReferrerRow[];
  referrals: ReferralRow[];
  touches: TouchRow[];
  feedback: FeedbackRow[];
}

/** Seeds the demo, or says why not: the practice has the demo already, or has data of its own. */
export async function seedDemo(
  store: DemoStore,
  practice: Pick<Practice, "id" | "timeZone">,
  opts: SeedDemoOptions = {},
): Promise<SeedDemoResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  if (!opts.reset) {
    const [demo, referrers] = await Promise.all([
      store.countReferralsWithSourcePrefix(practice.id, DEMO_SOURCE_PREFIX),
      store.countReferrers(practice.id),
    ]);
    if (demo > 0) return { status: "already-seeded", referrers };
    // Demo referrers mixed into real ones would be mistaken for real relationships.
    if (referrers > 0) return { status: "not-empty", referrers };
  }
  const plan = planDemo(practice, now, opts.seed ?? DEFAULT_DEMO_SEED);
  const actor: Actor = opts.actor ?? {
    practiceId: practice.id,
    memberId: null,
    name: "cli",
    channel: "cli",
    role: null,
  };
  const counts: DemoCounts = {
    referrers: plan.referrers.length,
    referrals: plan.referrals.length,
    touches: plan.touches.length,
    feedback: plan.feedback.length,
  };
  // Rows look as if written when things happened: a referral entered the day it arrived, so the
  // digest's "new since yesterday" is the last day's referrals, not the whole demo.
  const firstReferralOf = new Map<string, Date>();
  for (const r of plan.referrals) {
    const first = firstReferralOf.get(r.referrerId);
    if (!first || r.receivedAt < first) firstReferralOf.set(r.referrerId, r.receivedAt);
  }
  const aYearAgo = new Date(now.getTime() - YEAR_DAYS * DAY_MS);
  await store.seed(
    actor,
    practice.id,
    {
      referrers: plan.referrers.map((r) => {
        const first = firstReferralOf.get(r.id);
        const createdAt = first && first > aYearAgo ? first : aYearAgo;
        return { ...r, createdAt, updatedAt: createdAt };
      }),
      referrals: plan.referrals.map((r) => ({
        reportSentAt: null,
        ...r,
        createdAt: r.receivedAt,
        updatedAt: r.receivedAt,
      })),
      touches: plan.touches.map((t) => ({ ...t, createdAt: t.occurredAt })),
      feedback: plan.feedback,
    },
    {
      wipeFirst: Boolean(opts.reset),
      now,
      event: {
        action: opts.reset ? "demo.reset_and_seed" : "demo.seed",
        entity: "practice",
        entityId: practice.id,
        newValue: counts,
      },
    },
  );
  return { status: "seeded", wiped: Boolean(opts.reset), durationMs: performance.now() - started, ...counts };
}

/** The demo as rows, without writing anything: the same practice, `now` and seed always give the same rows. */
export function planDemo(practice: Pick<Practice, "id" | "timeZone">, now: Date, seed = DEFAULT_DEMO_SEED): DemoPlan {
  return new DemoPlanner(practice.id, practice.timeZone, now, createRandom(seed)).plan();
}

const THANK_NOTES = [
  "Thank-you note for the recent referrals",
  "Sent a thank-you card",
  "Thanked them at the end of a call",
  "Thank-you email with visit summaries attached",
];
const POSITIVE = [
  "Appreciated the same-day consult note",
  "Their office says scheduling was quick this month",
  "Liked getting the visit summary before their patient's follow-up",
  "Happy with how fast fractures get seen",
  "Said our new-patient coordinator is very responsive",
];
const NEUTRAL = [
  "Would like a direct line for urgent fracture referrals",
  "Asked whether we take their new insurance plans",
  "Wants imaging results copied to their office",
];
const NEGATIVE_RESOLVED = [
  "Two referral faxes were lost; their office had to resend",
  "Waited over a week for a call back about a scheduling question",
];

class DemoPlanner {
  private readonly days: LocalDays;
  private readonly referrers: ReferrerRow[] = [];
  private readonly referrals: ReferralRow[] = [];
  private readonly touches: TouchRow[] = [];
  private readonly feedback: FeedbackRow[] = [];
  private readonly dayWeights: Float64Array;
  /** Its own random source: adding addresses must not change the demo's referrals, touches or feedback. */
  private readonly addresses = new DemoAddressBook(createRandom(5160));

  constructor(
    private readonly practiceId: string,
    zone: string,
    private readonly now: Date,
    private readonly random: Random,
  ) {
    this.days = new LocalDays(now, zone);
    // Days 1…364 back (today is left to the scripted referrers, whose times are known to be past).
    const weights = [0];
    for (let ago = 1; ago < YEAR_DAYS; ago++) {
      const weekday = this.days.weekdayAgo(ago);
      const weekdayWeight = weekday <= 5 ? 1 : weekday === 6 ? 0.12 : 0.04;
      // More in late winter (icy falls) and early autumn (sports seasons), fewer in summer and at Christmas.
      const season = 1 + 0.18 * Math.sin((2 * Math.PI * (this.days.dayOfYearAgo(ago) + 40)) / 365);
      weights.push(weekdayWeight * season);
    }
    this.dayWeights = cumulative(weights);
  }

  plan(): DemoPlan {
    const total = zipfWeights(RANKED_REFERRERS.length).reduce((a, b) => a + b, 0);
    zipfWeights(RANKED_REFERRERS.length).forEach((weight, index) => {
      const demo = RANKED_REFERRERS[index]!;
      const id = this.addReferrer(demo);
      const count = Math.max(4, Math.round((YEARLY_REFERRALS * weight) / total));
      this.regularHistory(id, demo, index + 1, count);
    });
    for (const demo of SCRIPTED_REFERRERS) {
      const id = this.addReferrer(demo);
      if (demo.role === "quiet") this.quietHistory(id);
      if (demo.role === "welcome") this.welcomeHistory(id);
      if (demo.role === "archived") this.archivedHistory(id);
    }
    this.feedbackHistory();
    return { referrers: this.referrers, referrals: this.referrals, touches: this.touches, feedback: this.feedback };
  }

  // ---- time helpers, all in the practice's zone

  /** The local day `ago` days back, at the given local time. */
  private at(ago: number, hour: number, minute = 0): Date {
    return this.days.at(ago, hour, minute);
  }

  private isPast(date: Date): boolean {
    return date.getTime() <= this.now.getTime();
  }

  // ---- rows

  private addReferrer(demo: DemoReferrer): string {
    const id = `${this.practiceId}-demo-ref-${this.referrers.length + 1}`;
    this.referrers.push({
      id,
      practiceId: this.practiceId,
      displayName: demoDisplayName(demo),
      firstName: demo.firstName,
      lastName: demo.lastName,
      credentials: demo.credentials,
      clinic: demo.clinic,
      specialty: demo.specialty,
      npi: makeNpi(this.random),
      // 555-01xx numbers are reserved for fiction.
      phone: this.random.chance(0.7) ? `(555) 555-01${String(this.random.int(0, 99)).padStart(2, "0")}` : null,
      // Someone added by hand this week has no address on file yet: the card-day message says so.
      ...(demo.role === "none"
        ? { addressLine1: null, addressLine2: null, city: null, state: null, postalCode: null }
        : this.addresses.of(demo.clinic)),
      status: demo.role === "archived" ? "archived" : "active",
    });
    return id;
  }

  private addReferral(
    referrerId: string,
    receivedAt: Date,
    progress: Omit<ReferralRow, keyof ReferralBase>,
  ): ReferralRow {
    const n = this.referrals.length + 1;
    const [reason, specialty] = this.random.pick(DEMO_REASONS);
    const row: ReferralRow = {
      id: `${this.practiceId}-demo-rx-${n}`,
      practiceId: this.practiceId,
      referrerId,
      sourceId: `${DEMO_SOURCE_PREFIX}${String(n).padStart(6, "0")}`,
      receivedAt,
      reason,
      specialty,
      patientRef: this.random.chance(0.7) ? `MRN-…${String(this.random.int(0, 9999)).padStart(4, "0")}` : null,
      ...progress,
    };
    this.referrals.push(row);
    return row;
  }

  private addTouch(
    referrerId: string,
    kind: TouchKind,
    occurredAt: Date,
    note: string | null,
    referralId: string | null = null,
  ) {
    const actorName =
      kind === "call" || kind === "meeting" || kind === "returned_referral"
        ? DEMO_STAFF.physician
        : kind === "thank_you"
          ? DEMO_STAFF.coordinator
          : DEMO_STAFF.liaison;
    this.touches.push({
      id: `${this.practiceId}-demo-touch-${this.touches.length + 1}`,
      practiceId: this.practiceId,
      referrerId,
      kind,
      actorName,
      occurredAt,
      note,
      channel: "slack",
      referralId,
      idempotencyKey: `demo:${this.practiceId}:touch:${this.touches.length + 1}`,
    });
  }

  /**
   * Where a referral received at `receivedAt` stands today: booked within a few business days, seen at
   * its appointment one to three weeks out, the loop closed a day or two after the visit; about one in
   * twenty cancelled (or a no-show).
   */
  private progressOf(receivedAt: Date, opts = { mayCancel: true }): Omit<ReferralRow, keyof ReferralBase> {
    const none = { scheduledAt: null, seenAt: null, loopClosedAt: null, cancelledAt: null };
    const ago = this.days.daysAgoOf(receivedAt);
    if (opts.mayCancel && ago > 10 && this.random.chance(0.05)) {
      const cancelledAt = this.days.businessDaysAfter(receivedAt, this.random.int(1, 8), 11);
      return { ...none, status: "cancelled", cancelledAt };
    }
    const waits = this.random.chance(0.08) ? this.random.int(5, 12) : this.random.int(0, 3);
    const booked = this.days.businessDaysAfter(receivedAt, waits, 15);
    const appointment = this.days.businessDaysAfter(
      receivedAt,
      this.random.int(5, 17),
      this.random.int(8, 15),
      this.random.pick([0, 15, 30, 45]),
    );
    if (!this.isPast(booked)) return { ...none, status: "received" };
    if (!this.isPast(appointment)) return { ...none, status: "scheduled", scheduledAt: appointment };
    const r = this.random.next();
    const delay = r < 0.45 ? 0 : r < 0.8 ? 1 : r < 0.92 ? 2 : this.random.int(3, 5);
    const closed = this.days.businessDaysAfter(appointment, delay, this.random.int(16, 18));
    if (!this.isPast(closed)) return { ...none, status: "seen", scheduledAt: appointment, seenAt: appointment };
    return {
      status: "loop_closed",
      scheduledAt: appointment,
      seenAt: appointment,
      loopClosedAt: closed,
      cancelledAt: null,
    };
  }

  private randomTimeOn(ago: number): Date {
    return this.at(ago, this.random.int(8, 16), this.random.int(0, 59));
  }

  // ---- histories

  private regularHistory(id: string, demo: DemoReferrer, rank: number, count: number) {
    // Recent days are kept clear for the scripted close-the-loop and thank-you cases.
    const recentClear = demo.role === "closeLoop" ? 25 : 0;
    // One draw per equal slice of the year's weight (stratified): weekday-heavy and seasonal like a plain
    // draw, but without the long random silences that would make half the demo look like it is going quiet.
    const received: Date[] = [];
    for (let i = 0; i < count; i++) {
      let ago = sampleIndex(this.dayWeights, this.random, (i + this.random.next()) / count);
      if (ago < recentClear) ago += recentClear;
      received.push(this.randomTimeOn(Math.max(1, ago)));
    }
    received.sort((a, b) => a.getTime() - b.getTime());
    /** Calls, meetings and visits close open loops, so the close-the-loop case keeps the last days free of them. */
    const quietLoopsSince = demo.role === "closeLoop" ? this.at(12, 0) : null;
    const canCall = (at: Date) => !quietLoopsSince || at < quietLoopsSince;

    for (const at of received) {
      const progress = this.progressOf(at);
      const row = this.addReferral(id, at, progress);
      // About a third of closed loops were a call; the rest went back as a letter or consult note.
      if (row.status === "loop_closed" && row.loopClosedAt && this.random.chance(0.35) && canCall(row.loopClosedAt)) {
        this.addTouch(id, "call", row.loopClosedAt, "Called about our visit with their patient", row.id);
      }
    }

    if (demo.role === "closeLoop") {
      // Two patients seen in the last few business days; nobody has called back.
      for (const [receivedAgo, seenBusinessDaysAgo] of [
        [20, 4],
        [16, 2],
      ] as const) {
        const seenAt = this.at(this.days.businessDaysAgo(seenBusinessDaysAgo), 10, 30);
        this.addReferral(id, this.randomTimeOn(receivedAgo), {
          status: "seen",
          scheduledAt: seenAt,
          seenAt,
          loopClosedAt: null,
          cancelledAt: null,
        });
      }
    }
    if (demo.role === "thank") {
      for (const n of [1, 3]) {
        this.addReferral(id, this.at(this.days.businessDaysAgo(n), 9 + n, 15), { ...NOT_STARTED });
      }
    }

    this.thankYous(id, demo, rank, received);
    this.meetingsAndRequests(id, demo, rank, canCall);
    if (/Primary|Family|Internal/.test(demo.specialty) && this.random.chance(0.25)) {
      this.addTouch(
        id,
        "returned_referral",
        this.randomTimeOn(this.random.int(20, 300)),
        "Sent them a patient for primary care",
      );
    }
  }

  /** Thank-you notes in rounds (busier referrers more often), each covering what came in since the last. */
  private thankYous(id: string, demo: DemoReferrer, rank: number, received: Date[]) {
    if (received.length === 0) return;
    const cadence = rank <= 5 ? 14 : rank <= 15 ? 28 : 56;
    // The thank-you case must have referrals after its last note.
    const latest = demo.role === "thank" ? this.at(15, 0) : this.now;
    let last = received[0]!;
    let ago = this.days.daysAgoOf(received[0]!) - this.random.int(2, cadence);
    while (ago > 0) {
      const at = this.randomTimeOn(ago);
      if (at > latest) break;
      const covered = received.some((r) => r > last && r <= at);
      // Busy weeks slip: about one round in five is missed.
      if (covered && this.random.chance(0.8)) {
        this.addTouch(id, "thank_you", at, this.random.pick(THANK_NOTES));
        last = at;
      }
      ago -= cadence + this.random.int(-3, 3);
    }
    // About half are thanked for everything within the last few days: the digest should not list everyone.
    const lastReferral = received.at(-1)!;
    if (demo.role === "regular" && this.random.chance(0.5)) {
      const at = this.at(this.random.int(0, 2), 8, this.random.int(0, 59));
      if (at > lastReferral && at > last && this.isPast(at))
        this.addTouch(id, "thank_you", at, this.random.pick(THANK_NOTES));
    }
  }

  private meetingsAndRequests(id: string, demo: DemoReferrer, rank: number, canMeet: (at: Date) => boolean) {
    if (demo.role === "top") {
      // The biggest referrer, last met seven months ago.
      this.addTouch(id, "meeting", this.at(395, 12, 0), "Lunch meeting at their office");
      this.addTouch(id, "meeting", this.at(213, 12, 30), "Lunch meeting at their office");
    } else if (rank <= 16 && rank !== 7) {
      // Other top referrers are visited every few months (rank 7 has never been met: a second "meet" nudge).
      let ago = this.random.int(20, 150);
      while (ago < YEAR_DAYS) {
        const at = this.at(ago, 12, 0);
        if (canMeet(at)) {
          this.addTouch(
            id,
            this.random.chance(0.5) ? "meeting" : "liaison_visit",
            at,
            "Stopped by with our new-patient guide",
          );
        }
        ago += this.random.int(100, 140);
      }
    } else if (this.random.chance(0.4)) {
      this.addTouch(id, "liaison_visit", this.at(this.random.int(30, 330), 14, 0), "Dropped off referral pads");
    }
    // Feedback requests: the busiest referrers about quarterly, others now and then, some never.
    if (rank <= 30) {
      let ago = this.random.int(15, 130);
      while (ago < YEAR_DAYS) {
        this.addTouch(id, "feedback_request", this.at(ago, 15, 0), "Asked how referrals to us are going");
        ago += this.random.int(85, 110);
      }
    } else if (this.random.chance(0.3)) {
      this.addTouch(
        id,
        "feedback_request",
        this.at(this.random.int(20, 300), 15, 0),
        "Asked how referrals to us are going",
      );
    }
  }

  /** A patient every nine days or so for most of the year, then nothing for forty days. */
  private quietHistory(id: string) {
    const agos: number[] = [];
    for (let ago = 40; ago < 360; ago += this.random.int(7, 11)) agos.unshift(ago);
    const received: Date[] = [];
    for (const ago of agos) {
      const at = this.at(ago, this.random.int(9, 15), this.random.int(0, 59));
      // None of theirs was cancelled, so the rhythm is plain to see.
      this.addReferral(id, at, this.progressOf(at, { mayCancel: false }));
      received.push(at);
    }
    this.thankYous(id, SCRIPTED_REFERRERS[0]!, 10, received);
    this.addTouch(id, "meeting", this.at(100, 12, 0), "Coffee with the Greenfield team");
    this.addTouch(id, "feedback_request", this.at(60, 15, 0), "Asked how referrals to us are going");
  }

  /** Their first referral ever came in on the last business day. */
  private welcomeHistory(id: string) {
    this.addReferral(id, this.at(this.days.businessDaysAgo(1), 10, 40), { ...NOT_STARTED });
  }

  /** Retired or moved: a handful of referrals from more than half a year ago, all long closed. */
  private archivedHistory(id: string) {
    const count = this.random.int(6, 12);
    for (let i = 0; i < count; i++) {
      const at = this.randomTimeOn(this.random.int(200, YEAR_DAYS - 1));
      const row = this.addReferral(id, at, this.progressOf(at));
      if (row.status === "loop_closed" && this.random.chance(0.3))
        this.addTouch(id, "call", row.loopClosedAt!, null, row.id);
    }
  }

  private feedbackHistory() {
    const active = this.referrers.filter((r) => r.status === "active");
    const byRole = (role: DemoReferrer["role"]) => {
      const index = [...RANKED_REFERRERS, ...SCRIPTED_REFERRERS].findIndex((d) => d.role === role);
      return this.referrers[index]!;
    };
    const add = (
      referrer: ReferrerRow,
      sentiment: Sentiment,
      text: string,
      createdAt: Date,
      resolved: { at: Date; how: string } | null,
    ) =>
      this.feedback.push({
        practiceId: this.practiceId,
        referrerId: referrer.id,
        sentiment,
        text,
        heardBy: DEMO_STAFF.liaison,
        needsFollowUp: sentiment === "negative",
        status: resolved ? "resolved" : "open",
        resolvedAt: resolved?.at ?? null,
        resolution: resolved?.how ?? null,
        idempotencyKey: `demo:${this.practiceId}:feedback:${this.feedback.length + 1}`,
        createdAt,
      });

    // The open problem: ten days old, nobody has called.
    add(
      byRole("problem"),
      "negative",
      "New-patient slots take three weeks, and nobody called their office back about the MRI results",
      new Date(this.now.getTime() - 10 * DAY_MS - 2 * HOUR_MS),
      null,
    );
    // The rest of the year: mostly good, a couple of problems that were sorted out.
    const ranked = active.slice(0, 30);
    for (const text of POSITIVE) {
      const ago = this.random.int(5, 330);
      add(this.random.pick(ranked), "positive", text, this.at(ago, 14, 0), {
        at: this.at(ago, 16, 0),
        how: "Shared with the team",
      });
    }
    for (const text of NEUTRAL) {
      const ago = this.random.int(20, 300);
      add(this.random.pick(ranked), "neutral", text, this.at(ago, 14, 0), {
        at: this.at(ago - 3, 10, 0),
        how: "Answered by the coordinator",
      });
    }
    for (const text of NEGATIVE_RESOLVED) {
      const ago = this.random.int(40, 250);
      add(this.random.pick(ranked), "negative", text, this.at(ago, 9, 30), {
        at: this.at(ago - this.random.int(4, 12), 13, 0),
        how: "Dr. Shah called; we set up a direct scheduling line for their office",
      });
    }
  }
}

type ReferralBase = Pick<
  ReferralRow,
  "id" | "practiceId" | "referrerId" | "sourceId" | "receivedAt" | "reason" | "specialty" | "patientRef"
>;

const NOT_STARTED = {
  status: "received" as const,
  scheduledAt: null,
  seenAt: null,
  loopClosedAt: null,
  cancelledAt: null,
};
