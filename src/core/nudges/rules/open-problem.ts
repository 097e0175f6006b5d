// A complaint left open is the surest way to lose a referrer; past openProblemDays the physician should
// step in personally. Each complaint (negative or flagged feedback) has its own nudge, so resolving one
// closes its own, and a new complaint after a dismissed one is raised again.
import { daysBetween } from "../../time/local-date.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { durationPhrase } from "../phrases.ts";
import { rulePriority } from "../priority.ts";
import type { OpenComplaint, ReferrerFacts } from "../referrer-facts.ts";

const DAY_MS = 86_400_000;
/** How much of the complaint's own words the reason quotes, so two complaints can be told apart. */
export const COMPLAINT_QUOTE_LENGTH = 60;

export function openProblemRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate[] {
  if (facts.status !== "active") return [];
  const limitMs = ctx.settings.openProblemDays * DAY_MS;
  const out: NudgeCandidate[] = [];
  for (const complaint of facts.openComplaints) {
    const since = complaint.at;
    if (ctx.now.getTime() - since.getTime() <= limitMs) continue;
    const age = daysBetween(since, ctx.now);
    const dueAt = new Date(since.getTime() + limitMs);
    out.push({
      referrerId: facts.referrerId,
      kind: "open_problem",
      reason: complaintReason(complaint, age),
      dueAt,
      triggeredAt: since,
      priority: rulePriority("open_problem", 1 + Math.min(age - ctx.settings.openProblemDays, 28) / 14, dueAt, ctx.now),
      personal: true,
      feedbackId: complaint.feedbackId,
    });
  }
  return out;
}

/** "Negative feedback unresolved for 9 days: “reports arrive late”". */
export function complaintReason(complaint: Pick<OpenComplaint, "sentiment" | "text">, ageDays: number): string {
  const what = complaint.sentiment === "negative" ? "Negative feedback" : "Feedback flagged for follow-up";
  const quote = shortQuote(complaint.text);
  return `${what} unresolved for ${durationPhrase(ageDays)}${quote ? `: “${quote}”` : ""}`;
}

function shortQuote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= COMPLAINT_QUOTE_LENGTH ? flat : `${flat.slice(0, COMPLAINT_QUOTE_LENGTH - 1).trimEnd()}…`;
}
