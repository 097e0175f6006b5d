// Closing a complaint: what it takes (an open complaint of the practice, and a few words on how it
// was resolved), decided without a database; the repository then writes it once, with its audit row.
import type { Actor, Feedback } from "../model.ts";
import { cleanFreeText } from "../phi/clean-free-text.ts";
import type { Clock, FeedbackRepository } from "../ports.ts";

/** How long a resolution may be; the form and the command say the same. */
export const RESOLUTION_MAX_LENGTH = 2000;

export type ResolutionDecision =
  | { kind: "resolve"; resolution: string }
  | { kind: "already_resolved"; complaint: Feedback }
  | { kind: "not_found" }
  | { kind: "invalid"; problem: string };

/**
 * Whether this complaint can be resolved with this text. The text is cleaned of patient details first,
 * so what is checked is what would be stored.
 */
export function decideResolution(complaint: Feedback | null, typed: string): ResolutionDecision {
  if (!complaint) return { kind: "not_found" };
  if (complaint.status !== "open") return { kind: "already_resolved", complaint };
  const trimmed = typed.trim();
  if (trimmed === "") return { kind: "invalid", problem: "Say how it was resolved" };
  if (trimmed.length > RESOLUTION_MAX_LENGTH) return { kind: "invalid", problem: "Keep it under 2,000 characters" };
  const resolution = cleanFreeText(trimmed).trim();
  if (resolution === "") return { kind: "invalid", problem: "Say how it was resolved, without patient details" };
  return { kind: "resolve", resolution };
}

export type ResolveOutcome =
  | { kind: "resolved"; complaint: Feedback; resolution: string; closedNudges: number }
  | { kind: "already_resolved"; complaint: Feedback }
  | { kind: "not_found" }
  | { kind: "invalid"; problem: string };

/**
 * Resolves one complaint. Idempotent: a second resolution (a double click, a retry, a second person)
 * changes nothing and says it was resolved already.
 */
export async function resolveComplaint(
  deps: { feedback: FeedbackRepository; clock: Clock },
  actor: Actor,
  feedbackId: string,
  typed: string,
): Promise<ResolveOutcome> {
  const complaint = await deps.feedback.findById(actor.practiceId, feedbackId);
  const decision = decideResolution(complaint, typed);
  if (decision.kind !== "resolve") return decision;
  const written = await deps.feedback.resolve(actor, {
    feedbackId,
    resolution: decision.resolution,
    at: deps.clock.now(),
  });
  if (!written) return { kind: "not_found" };
  // Someone else resolved it between the read and the write: theirs stands.
  if (!written.resolved) return { kind: "already_resolved", complaint: written.feedback };
  return {
    kind: "resolved",
    complaint: written.feedback,
    resolution: decision.resolution,
    closedNudges: written.closedNudges,
  };
}
