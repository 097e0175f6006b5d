// "/feedback Dr. Lee resolved: called her back": resolves the referrer's only open complaint, or asks
// which one, with a Mark resolved button (its form prefilled with what was typed) per complaint.
import type { CoreDeps } from "../chat/deps.ts";
import type { Actor, Referrer } from "../model.ts";
import type { Reply } from "../reply.ts";
import { complaintAbout, openComplaintSections, resolveComplaintForm } from "./complaint-replies.ts";
import { resolveComplaint } from "./resolve-complaint.ts";
import { resolutionReply } from "./resolve-complaint-form.ts";

export async function resolveFromCommand(
  deps: CoreDeps,
  actor: Actor,
  referrer: Referrer,
  how: string,
): Promise<Reply> {
  const open = await deps.repos.feedback.openForReferrer(actor.practiceId, referrer.id);
  const now = deps.clock.now();
  if (open.length === 0) {
    return {
      ephemeral: true,
      tone: "info",
      headline: `${referrer.displayName} has no open complaint; nothing changed.`,
      sections: [],
    };
  }
  if (open.length > 1) {
    // Each button opens the form with what was typed already in it.
    const sections = openComplaintSections(open, now, how);
    return {
      ephemeral: true,
      tone: "info",
      headline: `Which complaint from ${referrer.displayName}? There are ${open.length} open.`,
      sections,
    };
  }
  const complaint = open[0]!;
  // Without a "how", ask for it in the form rather than closing the complaint with no words.
  if (!how.trim()) {
    return {
      ephemeral: true,
      tone: "info",
      headline: `How was ${referrer.displayName}'s complaint resolved?`,
      sections: [],
      form: resolveComplaintForm(complaint.id, { about: complaintAbout(referrer, complaint.text) }),
    };
  }
  const outcome = await resolveComplaint(
    { feedback: deps.repos.feedback, clock: deps.clock },
    actor,
    complaint.id,
    how,
  );
  return resolutionReply(deps, actor, outcome);
}
