// "Plan meeting" on a meet nudge: the calendar invitation, with the referrer's brief as its description.
// Nothing is logged on the click: the meeting is logged when it is held, by the nudge's own "Mark met"
// (a meeting touch, closing the nudge), as any meeting is.
import { z } from "zod/v4";
import { gatherBriefFacts, renderBrief } from "../brief/brief-reply.ts";
import type { CoreDeps } from "../chat/deps.ts";
import { parseJson } from "../chat/pending.ts";
import type { ActionResult } from "../chat-api.ts";
import type { Actor } from "../model.ts";
import { errorReply, type ReplyFile, textReply } from "../reply.ts";
import { replyToText } from "../reply-text.ts";
import { meetingInvitation, suggestedMeetingStart } from "./meeting-invitation.ts";

const ZPlanValue = z.object({ n: z.string().min(1).max(64) });
const FILE_REF = /^meeting:([A-Za-z0-9_-]{1,64})$/;

const gone = (): ActionResult => ({
  notice: errorReply("That meeting nudge is no longer on file.", "Type /brief Dr. Lee to prepare a visit."),
});

export async function planMeeting(deps: CoreDeps, actor: Actor, value: string): Promise<ActionResult> {
  const parsed = parseJson(ZPlanValue, value);
  const file = parsed ? await meetingFileFor(deps, actor.practiceId, `meeting:${parsed.n}`) : null;
  if (!file) return gone();
  return {
    file,
    notice: textReply(
      `${file.title}: a calendar invitation with the brief in it. Once the meeting is held, press Mark met on the nudge.`,
    ),
  };
}

/**
 * The invitation for a meet nudge of the practice, from the reference a download link carries; null for
 * another reference, another practice's nudge, or a nudge that is not a meet nudge.
 */
export async function meetingFileFor(deps: CoreDeps, practiceId: string, ref: string): Promise<ReplyFile | null> {
  const id = FILE_REF.exec(ref)?.[1];
  if (!id) return null;
  const nudge = await deps.repos.nudges.findById(practiceId, id);
  if (nudge?.kind !== "meet") return null;
  const referrer = await deps.repos.referrers.findById(practiceId, nudge.referrerId);
  if (!referrer) return null;
  const facts = await gatherBriefFacts(deps, practiceId, referrer);
  const now = deps.clock.now();
  return meetingInvitation({
    nudgeId: nudge.id,
    referrer,
    briefText: replyToText(renderBrief(facts)),
    start: suggestedMeetingStart(nudge.dueAt, now, facts.zone),
    now,
  });
}
