// "Mother" builders for ReferrerFacts: describe a referrer's history in plain events and get the stats
// row the database would keep for it (same rules as src/db/referrer-stats.ts: unthanked = received after
// the last thank-you; awaiting = seen after the last call, meeting or visit).
import type { NudgeSettings } from "../../src/core/model.ts";
import type { NudgeContext, PracticeFigures, RuleContext } from "../../src/core/nudges/nudge-candidate.ts";
import { computePracticeFigures } from "../../src/core/nudges/practice-figures.ts";
import type { OpenComplaint, ReferrerFacts } from "../../src/core/nudges/referrer-facts.ts";

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 400;

export type When = string | Date;

export const at = (when: When): Date => (when instanceof Date ? when : new Date(when));
export const daysBefore = (now: When, days: number): Date => new Date(at(now).getTime() - days * DAY_MS);

export const DEFAULT_SETTINGS: NudgeSettings = {
  digestTopN: 5,
  closeLoopBusinessDays: 2,
  meetTopFraction: 0.2,
  meetIntervalDays: 180,
  feedbackIntervalDays: 90,
  quietGapFactor: 2,
  quietMinDays: 30,
  openProblemDays: 7,
  notScheduledBusinessDays: 3,
  callAfterReport: "top_and_first",
};

let nextId = 1;

const latest = (...dates: Array<Date | null>): Date | null =>
  dates.reduce<Date | null>((best, d) => (d && (!best || d > best) ? d : best), null);

export class FactsBuilder {
  private id = `ref-${nextId++}`;
  private displayName = "Dr. Lee";
  private status: ReferrerFacts["status"] = "active";
  private specialty: string | null = null;
  private ownerMemberId: string | null = null;
  private referrals: Date[] = [];
  private seen: Date[] = [];
  private reported: Date[] = [];
  private unscheduled: Date[] = [];
  private thanks: Date[] = [];
  private calls: Date[] = [];
  private meetings: Date[] = [];
  private feedbackRequests: Date[] = [];
  private returned: Date[] = [];
  private negatives: Date[] = [];
  private complaints: OpenComplaint[] = [];
  private windowEnd: Date | null = null;

  withId(id: string): this {
    this.id = id;
    return this;
  }

  named(displayName: string): this {
    this.displayName = displayName;
    return this;
  }

  archived(): this {
    this.status = "archived";
    return this;
  }

  inSpecialty(specialty: string | null): this {
    this.specialty = specialty;
    return this;
  }

  ownedBy(memberId: string): this {
    this.ownerMemberId = memberId;
    return this;
  }

  /** One referral per date (repeat a date for several on one day). */
  withReferralsOn(dates: When[]): this {
    this.referrals.push(...dates.map(at));
    return this;
  }

  /** `count` referrals, one every `everyDays` days, the last on `lastOn`. */
  withSteadyReferrals(opts: { count: number; everyDays: number; lastOn: When }): this {
    for (let i = opts.count - 1; i >= 0; i--) this.referrals.push(daysBefore(opts.lastOn, i * opts.everyDays));
    return this;
  }

  /** `count` referrals spread evenly over the days [fromDaysAgo, toDaysAgo) before `now`. */
  withReferralsBetween(now: When, opts: { count: number; fromDaysAgo: number; toDaysAgo: number }): this {
    const span = opts.fromDaysAgo - opts.toDaysAgo;
    for (let i = 0; i < opts.count; i++) {
      this.referrals.push(daysBefore(now, opts.fromDaysAgo - Math.floor((i * span) / opts.count)));
    }
    return this;
  }

  /** Referrals that reached "seen" on these dates (they wait for a call unless one came later). */
  sawPatientsOn(dates: When[]): this {
    this.seen.push(...dates.map(at));
    return this;
  }

  /** Referrals seen on these dates whose consult report reached the referrer in writing. */
  sentReportsFor(dates: When[]): this {
    this.reported.push(...dates.map(at));
    return this;
  }

  /** Referrals received on these dates that still have no appointment (they count as referrals too). */
  withUnscheduledReferralsOn(dates: When[]): this {
    this.unscheduled.push(...dates.map(at));
    this.referrals.push(...dates.map(at));
    return this;
  }

  thankedOn(when: When): this {
    this.thanks.push(at(when));
    return this;
  }

  calledOn(when: When): this {
    this.calls.push(at(when));
    return this;
  }

  /** A meeting or liaison visit: it also closes the loop, as a call does. */
  metOn(when: When): this {
    this.meetings.push(at(when));
    return this;
  }

  /** The practice sent a patient back to them (a returned_referral touch). */
  sentPatientBackOn(when: When): this {
    this.returned.push(at(when));
    return this;
  }

  askedForFeedbackOn(when: When): this {
    this.feedbackRequests.push(at(when));
    return this;
  }

  /** An open negative complaint logged then (its id and text can be given to tell several apart). */
  negativeFeedbackOn(when: When, complaint: { id?: string; text?: string } = {}): this {
    this.negatives.push(at(when));
    this.complaints.push({
      feedbackId: complaint.id ?? `fb-${nextId++}`,
      at: at(when),
      sentiment: "negative",
      text: complaint.text ?? "",
    });
    return this;
  }

  /** Positive or neutral feedback someone flagged for follow-up: a complaint too, though not negative. */
  flaggedFeedbackOn(when: When, complaint: { id?: string; text?: string } = {}): this {
    this.complaints.push({
      feedbackId: complaint.id ?? `fb-${nextId++}`,
      at: at(when),
      sentiment: "neutral",
      text: complaint.text ?? "",
    });
    return this;
  }

  /** Keep only the 400 days of per-day counts before `now`, as the stats row does. */
  asOf(now: When): this {
    this.windowEnd = at(now);
    return this;
  }

  build(): ReferrerFacts {
    const referrals = [...this.referrals].sort((a, b) => a.getTime() - b.getTime());
    const lastThankAt = latest(...this.thanks);
    const lastMeetingAt = latest(...this.meetings);
    const lastCallAt = latest(...this.calls, lastMeetingAt);
    const lastFeedbackRequestAt = latest(...this.feedbackRequests);
    const unthanked = referrals.filter((d) => !lastThankAt || d > lastThankAt);
    const awaiting = this.seen.filter((d) => !lastCallAt || d > lastCallAt).sort((a, b) => a.getTime() - b.getTime());
    const reported = this.reported
      .filter((d) => !lastCallAt || d > lastCallAt)
      .sort((a, b) => a.getTime() - b.getTime());
    const windowStartDay = this.windowEnd ? Math.floor(this.windowEnd.getTime() / DAY_MS) - WINDOW_DAYS : -Infinity;
    const perDay = new Map<number, number>();
    for (const d of referrals) {
      const day = Math.floor(d.getTime() / DAY_MS);
      if (day > windowStartDay) perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    return {
      referrerId: this.id,
      displayName: this.displayName,
      status: this.status,
      specialty: this.specialty,
      ownerMemberId: this.ownerMemberId,
      referralCount: referrals.length,
      firstReferralAt: referrals[0] ?? null,
      lastReferralAt: referrals.at(-1) ?? null,
      referralDays: [...perDay.entries()],
      unthankedCount: unthanked.length,
      oldestUnthankedAt: unthanked[0] ?? null,
      seenAwaitingCount: awaiting.length,
      oldestSeenAwaitingAt: awaiting[0] ?? null,
      lastSeenAt: awaiting.at(-1) ?? null,
      lastThankAt,
      lastCallAt,
      lastMeetingAt,
      lastFeedbackRequestAt,
      lastReturnedAt: latest(...this.returned),
      lastTouchAt: latest(lastThankAt, lastCallAt, lastFeedbackRequestAt, ...this.returned),
      oldestOpenNegativeAt: this.negatives.length
        ? new Date(Math.min(...this.negatives.map((d) => d.getTime())))
        : null,
      reportedAwaitingCount: reported.length,
      oldestReportedAwaitingAt: reported[0] ?? null,
      unscheduledTimes: [...this.unscheduled].sort((a, b) => a.getTime() - b.getTime()),
      openComplaints: [...this.complaints].sort((a, b) => a.at.getTime() - b.at.getTime()),
    };
  }
}

export const aReferrer = (displayName = "Dr. Lee"): FactsBuilder => new FactsBuilder().named(displayName);

/** Mothers: referrers in the situations the rules care about. */
export const Referrers = {
  /** No referrals, no touches: a name in the address book. */
  withNoHistory: () => aReferrer("Dr. Nobody"),
  /** Referred once, `daysAgo` days before `now`, nothing else happened. */
  brandNew: (now: When, daysAgo = 2) => aReferrer("Dr. New").withReferralsOn([daysBefore(now, daysAgo)]),
  /** One referral every `everyDays` days for about a year, the last `lastDaysAgo` days before `now`. */
  steady: (now: When, everyDays = 7, lastDaysAgo = 3) =>
    aReferrer("Dr. Steady").withSteadyReferrals({
      count: Math.floor(360 / everyDays),
      everyDays,
      lastOn: daysBefore(now, lastDaysAgo),
    }),
};

/** A rule context at `now` in `timeZone`, with practice figures computed from `allFacts` unless given. */
export function aRuleContext(opts: {
  now: When;
  timeZone?: string;
  settings?: Partial<NudgeSettings>;
  allFacts?: ReferrerFacts[];
  figures?: PracticeFigures;
}): RuleContext {
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const now = at(opts.now);
  const figures = opts.figures ?? computePracticeFigures(opts.allFacts ?? [], now, settings.meetTopFraction);
  return { now, timeZone: opts.timeZone ?? "America/New_York", settings, figures };
}

export function aNudgeContext(opts: { now: When; timeZone?: string; settings?: Partial<NudgeSettings> }): NudgeContext {
  return {
    now: at(opts.now),
    timeZone: opts.timeZone ?? "America/New_York",
    settings: { ...DEFAULT_SETTINGS, ...opts.settings },
  };
}
