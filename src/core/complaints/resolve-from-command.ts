// "/feedback Dr. Lee resolved: called her back": resolves the referrer's only open complaint, or asks
// which one, with a Mark resolved button (its form prefilled with what was typed) per complaint.
import type { CoreDeps } from "../chat/deps.ts";
import type { Actor, Referrer } from "../model.ts";
import type { Reply } from "../reply.ts";
import { openComplaintSections, resolveComplaintForm } from "./complaint-replies.ts";
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
    const sections = openComplaintSections(open, now).map((section) =>
      // Each button opens the form with what was typed already in it.
      section.buttons && how.trim()
        ? { ...section, buttons: section.buttons.map((b) => ({ ...b, value: withResolution(b.value, how) })) }
        : section,
    );
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

/** A Mark resolved button's value with the typed resolution riding along, to prefill its form. */
function withResolution(value: string, how: string): string {
  const parsed = JSON.parse(value) as { f: string };
  return JSON.stringify({ f: parsed.f, h: how.trim().slice(0, 1500) });
}

/** The line above the form: whose complaint, in their words. */
export function complaintAbout(referrer: Pick<Referrer, "displayName">, text: string): string {
  const quote = text.length <= 200 ? text : `${text.slice(0, 199)}…`;
  return `Complaint from ${referrer.displayName}: “${quote}”`;
}
