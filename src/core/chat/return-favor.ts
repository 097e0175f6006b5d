// "/referrals needs primary care": which referrers of that specialty to send a patient back to.
// Returning the favour is tracked like any touch, with /sentback.
import type { Actor } from "../model.ts";
import { suggestReturnReferrals } from "../nudges/return-favor.ts";
import { errorReply, type Reply } from "../reply.ts";
import type { CoreDeps } from "./deps.ts";

const YEAR_MS = 365 * 86_400_000;

export async function returnFavorReply(deps: CoreDeps, actor: Actor, specialty: string): Promise<Reply> {
  const wanted = specialty.trim().slice(0, 80);
  if (!wanted) return errorReply("Which specialty does the patient need?", "/referrals needs primary care");
  const now = deps.clock.now();
  const [facts, sentBack] = await Promise.all([
    deps.digestData.loadFacts(actor.practiceId),
    deps.repos.touches.countByReferrer(actor.practiceId, "returned_referral", new Date(now.getTime() - YEAR_MS)),
  ]);
  const suggestions = suggestReturnReferrals(wanted, facts, 5, now, sentBack);
  if (suggestions.length === 0) {
    return {
      ephemeral: true,
      tone: "info",
      headline: `No referrer of ours practises ${wanted}`,
      sections: [{ context: "Specialties come from each referrer's profile and the imported reports." }],
    };
  }
  const names = new Map(facts.map((f) => [f.referrerId, f.displayName]));
  return {
    ephemeral: true,
    tone: "info",
    headline: `Send the patient back to one of these (${wanted})`,
    sections: [
      { text: suggestions.map((s) => `• *${names.get(s.referrerId) ?? "a referrer"}*: ${s.reason}`).join("\n") },
      { context: `When you have, log it: /sentback ${names.get(suggestions[0]!.referrerId) ?? "Dr. Lee"} new patient` },
    ],
  };
}
