// "/gift Dr. Lee lunch for the office $85": logs the gift as given by whoever typed it, then says where the
// referrer stands against the yearly limit. A gift over the limit is still logged, so the record stays true,
// and the reply says plainly that it is over. Amounts show only where the giver alone reads the reply.
import { giftOutcome } from "../gifts/gift-standing.ts";
import { limitSource, standingLine, standingWarning } from "../gifts/gift-wording.ts";
import { calendarYearOf } from "../gifts/gift-year.ts";
import { yearGifts } from "../gifts/gift-year-standing.ts";
import { formatCents } from "../gifts/money.ts";
import type { Actor, Referrer } from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";
import type { Audience } from "./audience.ts";
import type { CoreDeps } from "./deps.ts";

export interface GiftToLog {
  amountCents: number;
  /** What it was, already cleaned of patient details. */
  what: string | null;
}

export async function logGift(
  deps: CoreDeps,
  actor: Actor,
  referrer: Referrer,
  gift: GiftToLog,
  idempotencyKey: string,
  audience: Audience,
): Promise<Reply> {
  const practice = await deps.repos.practices.findById(actor.practiceId);
  if (!practice) return errorReply("This workspace has no practice yet.");
  const now = deps.clock.now();
  const { gift: logged, created } = await deps.repos.gifts.log(actor, {
    referrerId: referrer.id,
    amountCents: gift.amountCents,
    description: gift.what,
    givenAt: now,
    idempotencyKey: `gift:${idempotencyKey}`,
  });
  const what = logged.description ?? "A gift";
  if (audience.shared) {
    return {
      ephemeral: true,
      tone: "success",
      headline: `✓ Gift to ${referrer.displayName} logged`,
      sections: [
        {
          text: created ? `${what}, given by ${actor.name}.` : "Already logged; nothing changed.",
          context: `Amounts and the yearly total are not shown in a shared conversation: in a personal chat with me, type referrer ${referrer.displayName}.`,
        },
      ],
    };
  }
  const year = await yearGifts(deps.repos.gifts, practice, referrer.id, now);
  // A retried request may find its gift from last year (logged at 23:59 on 31 December): that one is not this year's.
  const thisGiftCounted = calendarYearOf(logged.givenAt, practice.timeZone) === year.year ? logged.amountCents : 0;
  const { after, crossesLimit } = giftOutcome(
    year.standing.totalCents - thisGiftCounted,
    thisGiftCounted,
    year.limit.cents,
  );
  const warning = standingWarning(referrer.displayName, after, year.year);
  return {
    ephemeral: true,
    tone: after.status === "within" ? "success" : "warning",
    headline: created
      ? `✓ Gift to ${referrer.displayName} logged: ${formatCents(logged.amountCents)}`
      : `Already logged: ${formatCents(logged.amountCents)} for ${referrer.displayName}; nothing changed.`,
    sections: [
      { text: `${what}, given by ${logged.actorName}.` },
      {
        text: [
          `*Gifts and meals in ${year.year}:* ${standingLine(after)}`,
          ...(crossesLimit && created
            ? ["This gift takes them over the limit. It is logged anyway, as it happened."]
            : []),
          ...(warning ? [warning] : []),
        ].join("\n"),
        context: limitSource(year.limit, year.year),
      },
    ],
  };
}
