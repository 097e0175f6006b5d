// "/referrals digest here" and "/referrals digest now": where the digest goes, and today's, at once.
// Both are admin commands; the caller has checked that.
import type { ChatContext } from "../chat-api.ts";
import type { Actor } from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";
import type { CoreDeps } from "./deps.ts";

/** Stores this conversation as the practice's digest destination on this platform's workspace. */
export async function digestHere(deps: CoreDeps, ctx: ChatContext): Promise<Reply> {
  if (!ctx.conversation) return errorReply("I can't tell which conversation this is.", "Type it in a channel or chat.");
  const link = await deps.repos.workspaces.find(ctx.platform, ctx.workspaceId);
  if (!link) return errorReply("This workspace is not linked to a practice yet.", "Try again in a moment.");
  await deps.repos.workspaces.setDigestConversation(link.id, ctx.conversation);
  return {
    ephemeral: false,
    tone: "success",
    headline: "✓ The daily digest will be posted here.",
    sections: [
      { context: "Change the time and days with /referrals settings; post today's now with /referrals digest now." },
    ],
  };
}

export async function digestNow(deps: CoreDeps, actor: Actor): Promise<Reply> {
  if (!deps.digestNow)
    return errorReply(
      "Digests can't be sent from here right now.",
      "Ask your operator to run: referral-nudge digest --force",
    );
  const result = await deps.digestNow.sendNow(actor.practiceId);
  const where = (n: number) => `${n} ${n === 1 ? "conversation" : "conversations"}`;
  switch (result.outcome) {
    case "no_targets":
      return errorReply(
        "No conversation receives the digest yet.",
        "Type /referrals digest here in the channel or chat where it should go.",
      );
    case "delivered":
      return {
        ephemeral: true,
        tone: "success",
        headline: `✓ Today's digest was posted to ${where(result.delivered)}.`,
        sections: [],
      };
    case "partial":
      return {
        ephemeral: true,
        tone: "warning",
        headline: `Today's digest reached ${where(result.delivered)}; ${where(result.failed)} failed and will be retried.`,
        sections: [],
      };
    case "skipped":
      return {
        ephemeral: true,
        tone: "info",
        headline: "Nothing new and nothing to do today, so no digest was posted.",
        sections: [{ context: "Turn off skipempty in /referrals settings to post empty days too." }],
      };
    case "busy":
      return {
        ephemeral: true,
        tone: "info",
        headline: "Today's digest is being sent right now.",
        sections: [{ context: "Give it a minute." }],
      };
    case "failed":
      return errorReply("The digest could not be posted; nothing was sent.", "Try again in a few minutes.");
  }
}
