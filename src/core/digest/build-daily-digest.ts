// The morning digest: what arrived since the last one, and the few actions worth most today.

import { sourcePhrase } from "../intake/source-systems.ts";
import type { Member, Practice, ReasonDisplay } from "../model.ts";
import type { NudgeCandidate } from "../nudges/nudge-candidate.ts";
import { escalationLine } from "../nudges/nudge-exposure.ts";
import { nudgeLiveKey } from "../nudges/nudge-lifecycle.ts";
import { CHANNEL_READER, isNudgeFor, type NudgeReader } from "../nudges/nudge-reader.ts";
import { computeNudges, selectForDigest } from "../nudges/rank-nudges.ts";
import { overdueForScheduling } from "../nudges/rules/not-scheduled.ts";
import { reasonCategory } from "../phi/reason-category.ts";
import type { DigestDataPort, LiveNudge, NewReferralRow } from "../ports.ts";
import { startOfLocalWeek } from "../time/local-date.ts";
import type { Digest, DigestNudge, DigestReferralGroup } from "./digest-model.ts";

/** Referrer groups listed one by one; the rest are summed in one line so the message fits any chat. */
export const MAX_REFERRAL_GROUPS = 10;
const MAX_REASONS = 3;
const MAX_REASON_LENGTH = 40;
const NEW_REFERRAL_ROW_LIMIT = 20_000;
/** Going-quiet referrers named in the week line; the rest are counted. */
export const GOING_QUIET_NAMED = 5;

export interface DigestOptions {
  now: Date;
  runId?: string | null;
  /** A physician's (or anyone's) personal digest: favours what they should do themselves. */
  forMember?: Pick<Member, "id" | "role"> | null;
  /**
   * Only what is really the member's to do (nudges/nudge-reader.ts), as in their own direct message;
   * otherwise (a list someone asked for) every nudge, theirs lifted first.
   */
  onlyTheirs?: boolean;
  /** Start of "new referrals"; defaults to the last digest, or 24 hours before `now`. */
  since?: Date;
  /** Nudges this reader passed over three times: paused for them, neither shown nor counted as waiting. */
  paused?: ReadonlySet<string>;
  /** Nudges others passed over, handed on to this reader: shown first, with how long they waited. */
  handedOn?: readonly HandedOnNudge[];
}

/** A nudge escalated to the reader (see nudges/nudge-exposure.ts). */
export interface HandedOnNudge {
  nudgeId: string;
  passes: number;
  waitingSince: Date;
}

export async function buildDailyDigest(
  data: DigestDataPort,
  practice: Practice,
  localDate: string,
  opts: DigestOptions,
): Promise<Digest> {
  const { now } = opts;
  const since = opts.since ?? (await data.lastDigestAt(practice.id, localDate)) ?? new Date(now.getTime() - 86_400_000);
  const [facts, arrivals, touchesThisWeek, staff] = await Promise.all([
    data.loadFacts(practice.id),
    data.newReferrals(practice.id, since, now, NEW_REFERRAL_ROW_LIMIT),
    data.touchesSince(practice.id, startOfLocalWeek(now, practice.timeZone)),
    data.staff(practice.id),
  ]);
  const candidates = computeNudges(facts, { now, timeZone: practice.timeZone, settings: practice.settings });
  const live = await data.syncNudges(practice.id, candidates, now);
  const names = new Map(facts.map((f) => [f.referrerId, f.displayName]));
  const owners = new Map(facts.map((f) => [f.referrerId, f.ownerMemberId]));
  const { chosen, waiting } = chooseNudges(candidates, live, owners, practice, staff.hasLiaison, opts);
  const groups = groupArrivals(arrivals.rows, names, practice.reasonDisplay ?? "cleaned");
  const shown = groups.slice(0, MAX_REFERRAL_GROUPS);
  const rest = groups.slice(MAX_REFERRAL_GROUPS);
  const nudges: DigestNudge[] = chosen.map(({ candidate, nudge, handedOn }) => ({
    nudgeId: nudge.id,
    referrerId: candidate.referrerId,
    referrerName: names.get(candidate.referrerId) ?? "a referrer",
    kind: candidate.kind,
    reason: candidate.reason,
    dueAt: candidate.dueAt.toISOString(),
    priority: candidate.priority,
    personal: candidate.personal,
    ...(candidate.feedbackId ? { feedbackId: candidate.feedbackId } : {}),
    ...(handedOn
      ? {
          escalation: escalationLine(
            {
              kind: candidate.kind,
              referrerName: names.get(candidate.referrerId) ?? "a referrer",
              waitingSince: handedOn.waitingSince,
            },
            handedOn.passes,
            now,
          ),
        }
      : {}),
  }));
  return {
    practiceId: practice.id,
    practiceName: practice.name,
    localDate,
    timeZone: practice.timeZone,
    runId: opts.runId ?? null,
    forMemberId: opts.forMember?.id ?? null,
    forPhysician: opts.forMember?.role === "physician",
    newReferrals: {
      total: arrivals.total,
      since: since.toISOString(),
      groups: shown,
      otherReferrers: rest.length,
      otherCount: rest.reduce((sum, g) => sum + g.count, 0) + (arrivals.total - arrivals.rows.length),
      ...sourcesOf(arrivals),
    },
    nudges,
    moreNudges: Math.max(0, waiting - nudges.length),
    weekSummary: {
      touchesThisWeek,
      ...goingQuietSummary(candidates, names),
      notScheduled: facts.reduce(
        (sum, f) =>
          f.status === "active"
            ? sum + overdueForScheduling(f, { now, timeZone: practice.timeZone, settings: practice.settings }).length
            : sum,
        0,
      ),
    },
    physicianNames: staff.physicianNames,
    empty: arrivals.total === 0 && nudges.length === 0,
  };
}

/**
 * "5 from Epic, 3 by CSV import": only when the referrals came by more than one way (one source says
 * nothing) and every one of them was read (a count of part of them would mislead).
 */
function sourcesOf(arrivals: { rows: NewReferralRow[]; total: number }): {
  bySource?: { phrase: string; count: number }[];
} {
  if (arrivals.rows.length !== arrivals.total) return {};
  const counts = new Map<string, number>();
  for (const row of arrivals.rows) {
    if (!row.sourceSystem) return {};
    counts.set(row.sourceSystem, (counts.get(row.sourceSystem) ?? 0) + 1);
  }
  if (counts.size < 2) return {};
  const bySource = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([system, count]) => ({ phrase: sourcePhrase(system), count }));
  return { bySource };
}

/** How many referrers are going quiet, and the first few of them by name (most at risk first). */
function goingQuietSummary(
  candidates: NudgeCandidate[],
  names: Map<string, string>,
): { goingQuiet: number; goingQuietNames: string[] } {
  const quiet = candidates.filter((c) => c.kind === "going_quiet").sort((a, b) => b.priority - a.priority);
  return {
    goingQuiet: quiet.length,
    goingQuietNames: quiet.slice(0, GOING_QUIET_NAMED).map((c) => names.get(c.referrerId) ?? "a referrer"),
  };
}

interface ChosenNudge {
  candidate: NudgeCandidate;
  nudge: LiveNudge;
  handedOn?: HandedOnNudge;
}

/**
 * The reader's few live nudges, at most the practice's nudges a day: those handed on to them first,
 * then their own in the order the tiers, the ranking and their role say. `waiting` is how many live
 * nudges are really the reader's (their own, not paused for them, and those handed on to them).
 */
function chooseNudges(
  candidates: NudgeCandidate[],
  live: LiveNudge[],
  owners: ReadonlyMap<string, string | null>,
  practice: Practice,
  practiceHasLiaison: boolean,
  opts: DigestOptions,
): { chosen: ChosenNudge[]; waiting: number } {
  const keyOf = (n: { referrerId: string; kind: string; feedbackId?: string | null }) =>
    nudgeLiveKey(n.referrerId, n.kind, n.feedbackId);
  const liveByKey = new Map(live.map((n) => [keyOf(n), n]));
  const reader: NudgeReader =
    opts.forMember && opts.onlyTheirs
      ? { kind: "member", memberId: opts.forMember.id, role: opts.forMember.role, practiceHasLiaison }
      : CHANNEL_READER;
  const handedOn = new Map((opts.handedOn ?? []).map((h) => [h.nudgeId, h]));
  const paused = opts.paused ?? new Set<string>();
  const first: ChosenNudge[] = [];
  const own: NudgeCandidate[] = [];
  for (const candidate of candidates) {
    const nudge = liveByKey.get(keyOf(candidate));
    if (!nudge || paused.has(nudge.id)) continue;
    const escalated = handedOn.get(nudge.id);
    if (escalated) first.push({ candidate, nudge, handedOn: escalated });
    else if (isNudgeFor(candidate, owners.get(candidate.referrerId) ?? null, reader)) own.push(candidate);
  }
  const cap = practice.settings.digestTopN;
  const chosenFirst = first.slice(0, cap);
  const selected = selectForDigest(own, {
    topN: cap - chosenFirst.length,
    now: opts.now,
    ...(opts.forMember ? { forRole: opts.forMember.role } : {}),
  });
  const chosen = [
    ...chosenFirst,
    ...selected.map((candidate) => ({ candidate, nudge: liveByKey.get(keyOf(candidate))! })),
  ];
  return { chosen, waiting: first.length + own.length };
}

/** New referrals per referrer, most first, with a few distinct reasons (never patients). */
export function groupArrivals(
  rows: NewReferralRow[],
  names: ReadonlyMap<string, string>,
  display: ReasonDisplay = "cleaned",
): DigestReferralGroup[] {
  const byReferrer = new Map<string, DigestReferralGroup>();
  for (const row of rows) {
    let group = byReferrer.get(row.referrerId);
    if (!group) {
      group = {
        referrerId: row.referrerId,
        referrerName: names.get(row.referrerId) ?? "a referrer",
        count: 0,
        reasons: [],
      };
      byReferrer.set(row.referrerId, group);
    }
    group.count++;
    // As written ("ACL tear"), compared without case so "knee pain" and "Knee pain" show once.
    const reason = shownReason(row.reason, display);
    const seen = group.reasons.some((r) => r.toLowerCase() === reason?.toLowerCase());
    if (reason && group.reasons.length < MAX_REASONS && !seen) group.reasons.push(reason);
  }
  return [...byReferrer.values()].sort((a, b) => b.count - a.count || a.referrerName.localeCompare(b.referrerName));
}

/** A reason as the practice chose to show it: cleaned text (cut short), its category, or nothing. */
function shownReason(reason: string | null, display: ReasonDisplay): string | undefined {
  const text = reason?.trim();
  if (!text || display === "none") return undefined;
  if (display === "category") return reasonCategory(text);
  return shorten(text, MAX_REASON_LENGTH);
}

function shorten(text: string | undefined, max: number): string | undefined {
  if (!text) return text;
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
