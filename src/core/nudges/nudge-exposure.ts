// Nudges that do not tire: a nudge shown to the same reader three times without a click is paused for
// them, and handed on once to someone else (the referrer's owner, else a liaison) with how long it has
// waited. Decided here without a database; db/nudge-exposures.ts stores the result.
import type { MemberRole, NudgeKind } from "../model.ts";
import { nudgeTitle } from "./nudge-title.ts";
import { countOf } from "./phrases.ts";

/** Shown this many times without a click, a nudge is paused for that reader and escalated. */
export const PASSES_BEFORE_PAUSE = 3;

/** How often one reader has been shown one nudge, and what came of it. */
export interface NudgeExposure {
  nudgeId: string;
  /** A member id, or "channel" for the practice's shared digest (see nudge-reader.ts audienceOf). */
  audience: string;
  shownCount: number;
  firstShownAt: Date;
  lastShownAt: Date;
  /** The digest run it was last counted for: a resent run does not count twice. */
  lastRunId: string | null;
  pausedAt: Date | null;
  escalatedAt: Date | null;
  escalatedToMemberId: string | null;
}

/**
 * One more showing of a nudge to a reader, counted once per digest run. A click on any of its buttons
 * takes it out of the live list (and clears its exposures), so a showing that comes here went unclicked.
 */
export function recordShowing(
  previous: NudgeExposure | undefined,
  shown: { nudgeId: string; audience: string },
  runId: string,
  now: Date,
): NudgeExposure {
  if (previous && previous.lastRunId === runId) return previous;
  const shownCount = (previous?.shownCount ?? 0) + 1;
  return {
    nudgeId: shown.nudgeId,
    audience: shown.audience,
    shownCount,
    firstShownAt: previous?.firstShownAt ?? now,
    lastShownAt: now,
    lastRunId: runId,
    pausedAt: previous?.pausedAt ?? (shownCount >= PASSES_BEFORE_PAUSE ? now : null),
    escalatedAt: previous?.escalatedAt ?? null,
    escalatedToMemberId: previous?.escalatedToMemberId ?? null,
  };
}

/** Who may take over a passed-over nudge. */
export interface EscalationCandidate {
  id: string;
  role: MemberRole;
  displayName: string;
}

/**
 * Whom a nudge passed over by `audience` goes to: the referrer's owner, else the first liaison by name,
 * never the reader who passed it over; null when there is nobody else (it stays paused, and counted).
 */
export function escalationTarget(
  ownerId: string | null,
  audience: string,
  members: readonly EscalationCandidate[],
): string | null {
  if (ownerId && ownerId !== audience && members.some((m) => m.id === ownerId)) return ownerId;
  const liaisons = members
    .filter((m) => m.role === "liaison" && m.id !== audience)
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : 1));
  return liaisons[0]?.id ?? null;
}

/**
 * The exposures to escalate now: paused, and the nudge not escalated before by anyone's pass (a nudge
 * is handed on once, however many readers pass it over).
 */
export function dueForEscalation(exposures: readonly NudgeExposure[]): NudgeExposure[] {
  const handedOn = new Set(exposures.filter((e) => e.escalatedAt).map((e) => e.nudgeId));
  const due: NudgeExposure[] = [];
  for (const e of exposures) {
    if (!e.pausedAt || e.escalatedAt || handedOn.has(e.nudgeId)) continue;
    handedOn.add(e.nudgeId);
    due.push(e);
  }
  return due;
}

const DAY_MS = 86_400_000;

/** "Close the loop with Dr. Patel has waited 6 days and been passed over 3 times". */
export function escalationLine(
  nudge: { kind: NudgeKind; referrerName: string; waitingSince: Date },
  passes: number,
  now: Date,
): string {
  const days = Math.max(0, Math.round((now.getTime() - nudge.waitingSince.getTime()) / DAY_MS));
  const waited = countOf(Math.max(1, days), "day");
  return `${nudgeTitle(nudge.kind, nudge.referrerName)} has waited ${waited} and been passed over ${countOf(passes, "time")}`;
}
