// Runs every rule over every referrer and orders what comes out by expected value: what the nudge is
// worth (kind, severity, lateness: the rule's own priority) times what the referrer is worth (volume,
// recency) times the risk of losing them. Linear in the number of referrers.
import type { MemberRole, NudgeKind } from "../model.ts";
import { daysBetween } from "../time/local-date.ts";
import type { NudgeCandidate, NudgeContext, NudgeRule, PracticeFigures, RuleContext } from "./nudge-candidate.ts";
import { nudgeLiveKey } from "./nudge-lifecycle.ts";
import { nudgeTier } from "./nudge-tier.ts";
import { computePracticeFigures, volume12Of } from "./practice-figures.ts";
import { recencyFactor, roundPriority, volumeFactor } from "./priority.ts";
import type { ReferrerFacts } from "./referrer-facts.ts";
import { askFeedbackRule } from "./rules/ask-feedback.ts";
import { closeLoopRule } from "./rules/close-loop.ts";
import { goingQuietRule } from "./rules/going-quiet.ts";
import { meetRule } from "./rules/meet.ts";
import { neverSentBackRule } from "./rules/never-sent-back.ts";
import { notScheduledRule } from "./rules/not-scheduled.ts";
import { openProblemRule } from "./rules/open-problem.ts";
import { thankRule } from "./rules/thank.ts";
import { welcomeRule } from "./rules/welcome.ts";

export const RULES: readonly NudgeRule[] = [
  welcomeRule,
  thankRule,
  closeLoopRule,
  meetRule,
  askFeedbackRule,
  goingQuietRule,
  openProblemRule,
  notScheduledRule,
  neverSentBackRule,
];

/** Kinds that are themselves the risk: their weight already says so, and recency must not discount them. */
const RISK_KINDS: ReadonlySet<NudgeKind> = new Set(["going_quiet", "open_problem"]);
/** Any other nudge for a referrer at risk (going quiet, open problem) is worth more: a thank-you may save them. */
export const RISK_FACTOR = 1.5;

/**
 * Every nudge due for the practice, at most one per referrer and kind (one per complaint for open
 * problems), highest priority first.
 * Pass `figures` when already computed for this run; otherwise they are computed from `allFacts`.
 */
export function computeNudges(
  allFacts: readonly ReferrerFacts[],
  ctx: NudgeContext & { figures?: PracticeFigures },
): NudgeCandidate[] {
  const figures = ctx.figures ?? computePracticeFigures(allFacts, ctx.now, ctx.settings.meetTopFraction);
  const ruleCtx: RuleContext = { ...ctx, figures };
  const out: NudgeCandidate[] = [];
  const referrersSeen = new Set<string>();
  let duplicates = false;
  for (const facts of allFacts) {
    if (facts.status !== "active") continue;
    if (referrersSeen.has(facts.referrerId)) duplicates = true;
    referrersSeen.add(facts.referrerId);
    const first = out.length;
    for (const rule of RULES) {
      const raised = rule(facts, ruleCtx);
      if (Array.isArray(raised)) out.push(...raised);
      else if (raised) out.push(raised as NudgeCandidate);
    }
    if (out.length === first) continue;
    const volume = volumeFactor(volume12Of(facts, figures, ctx.now));
    const recency = recencyFactor(facts.lastReferralAt ? daysBetween(facts.lastReferralAt, ctx.now) : null);
    let atRisk = false;
    for (let i = first; i < out.length; i++) if (RISK_KINDS.has(out[i]!.kind)) atRisk = true;
    for (let i = first; i < out.length; i++) {
      // The candidates were created by the rules just now, so scaling them in place is safe.
      const candidate = out[i]!;
      const risky = RISK_KINDS.has(candidate.kind);
      const scale = volume * (risky ? 1 : recency) * (atRisk && !risky ? RISK_FACTOR : 1);
      candidate.priority = roundPriority(candidate.priority * scale);
    }
  }
  // Each rule raises at most one nudge per referrer (or per complaint); only a referrer listed twice can repeat one.
  return (duplicates ? keepBestPerReferrerAndKind(out) : out).sort(byPriority);
}

function keepBestPerReferrerAndKind(candidates: NudgeCandidate[]): NudgeCandidate[] {
  const best = new Map<string, NudgeCandidate>();
  for (const candidate of candidates) {
    const key = nudgeLiveKey(candidate.referrerId, candidate.kind, candidate.feedbackId);
    const seen = best.get(key);
    if (!seen || candidate.priority > seen.priority) best.set(key, candidate);
  }
  return [...best.values()];
}

/** Priority first, then the earliest due, then a stable order so equal runs give equal digests. */
export function byPriority(a: NudgeCandidate, b: NudgeCandidate): number {
  return (
    b.priority - a.priority ||
    a.dueAt.getTime() - b.dueAt.getTime() ||
    (a.referrerId < b.referrerId ? -1 : a.referrerId > b.referrerId ? 1 : 0) ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    ((a.feedbackId ?? "") < (b.feedbackId ?? "") ? -1 : (a.feedbackId ?? "") > (b.feedbackId ?? "") ? 1 : 0)
  );
}

export interface DigestSelection {
  /** At most this many: the practice's nudges-per-person-a-day setting. Never exceeded. */
  topN: number;
  now: Date;
  /** A physician sees personal nudges first within a tier; a liaison or coordinator the others. No role: plain priority. */
  forRole?: MemberRole;
}

/** How much a role's own kind of work is lifted when choosing what it sees. */
export const ROLE_BOOST = 2;

/**
 * The few nudges to show someone, best first and never more than `topN`: by tier first (nudge-tier.ts:
 * complaints, welcome calls and loops to close, then going-quiet referrers, then meetings, then the rest),
 * then by priority, with personal nudges lifted for a physician and the others for a liaison or coordinator.
 */
export function selectForDigest(candidates: readonly NudgeCandidate[], opts: DigestSelection): NudgeCandidate[] {
  return rankForReader(candidates, opts).slice(0, Math.max(0, opts.topN));
}

/** Every candidate in the order a reader should see them (selectForDigest takes the first few). */
export function rankForReader(
  candidates: readonly NudgeCandidate[],
  opts: Pick<DigestSelection, "forRole">,
): NudgeCandidate[] {
  const scored = candidates.map((candidate) => ({
    candidate,
    tier: nudgeTier(candidate.kind),
    score: candidate.priority * roleBoost(candidate, opts),
  }));
  scored.sort((a, b) => a.tier - b.tier || b.score - a.score || byPriority(a.candidate, b.candidate));
  return scored.map((s) => s.candidate);
}

function roleBoost(candidate: NudgeCandidate, opts: Pick<DigestSelection, "forRole">): number {
  switch (opts.forRole) {
    case "physician":
      return candidate.personal ? ROLE_BOOST : 1;
    case "liaison":
    case "coordinator":
      return candidate.personal ? 1 : ROLE_BOOST;
    default:
      return 1;
  }
}
