// "/referrer archive Dr. Lee" and "/referrer restore Dr. Lee": an admin takes a referrer out of the
// nudges and digests (they retired, moved away) or brings them back. History stays; nothing is deleted.
import type { Actor, Referrer } from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";
import type { CoreDeps } from "./deps.ts";
import { whichReferrerReply } from "./name-replies.ts";
import { refuseUnlessAdmin } from "./permissions.ts";

/** Finds the referrer by name: one exact match is acted on; a guess or several are asked about. */
export async function archiveReferrerCommand(
  deps: CoreDeps,
  actor: Actor,
  name: string,
  archive: boolean,
): Promise<Reply> {
  const refused = await refuseUnlessAdmin(deps.repos, actor, "archive");
  if (refused) return refused;
  const found = await deps.lookup.resolve(actor.practiceId, name);
  const typed = name.trim().slice(0, 120);
  if (found.kind === "none") {
    return errorReply(`No referrer called ${typed}; nothing was changed.`, `/referrer ${typed} shows who matches.`);
  }
  // Archiving the wrong Dr. Lee would silence the right one: a forgiven typo is confirmed first.
  if (found.kind === "ambiguous") return whichReferrerReply(typed, found.candidates, { t: "archive", a: archive });
  if (found.matchedOn === "fuzzy") return whichReferrerReply(typed, [found.referrer], { t: "archive", a: archive });
  return setReferrerArchived(deps, actor, found.referrer, archive);
}

/** Archives or restores one known referrer; also the end of a "Which Dr. Lee?" button, so it checks again. */
export async function setReferrerArchived(
  deps: CoreDeps,
  actor: Actor,
  referrer: Referrer,
  archive: boolean,
): Promise<Reply> {
  const refused = await refuseUnlessAdmin(deps.repos, actor, "archive");
  if (refused) return refused;
  const outcome = await deps.repos.referrers.setStatus(actor, referrer.id, archive ? "archived" : "active");
  if (!outcome) return errorReply("That referrer is no longer in this practice; nothing was changed.");
  deps.lookup.invalidate(actor.practiceId);
  const who = outcome.referrer.displayName;
  if (!outcome.changed) {
    return {
      ephemeral: true,
      tone: "info",
      headline: `${who} is ${archive ? "archived" : "active"} already; nothing changed.`,
      sections: [],
    };
  }
  return {
    ephemeral: true,
    tone: "success",
    headline: archive ? `✓ ${who} archived` : `✓ ${who} restored`,
    sections: [
      {
        text: archive
          ? `No more nudges or digest lines for ${who}; their history stays.`
          : `${who} is back in the nudges and the digest.`,
        ...(archive ? { context: `Changed your mind? /referrer restore ${who}` } : {}),
      },
    ],
  };
}
