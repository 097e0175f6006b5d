// The card-day message: each referrer to thank, how many referrals since when, the clinic and mailing
// address, and the suggested card line, with Mailed per referrer and All mailed and Print for the lot.
// Bounded: past MAX_LISTED referrers the message counts the rest (Print and All mailed cover them all).
import { DateTime } from "luxon";
import { localTime } from "../chat/format.ts";
import { countOf } from "../nudges/phrases.ts";
import type { Reply, ReplyButton, ReplySection } from "../reply.ts";
import { addressLines, type CardBatch, type CardEntry, type CardMailed } from "./card-batch.ts";

/** Three Slack blocks a referrer (text, buttons, small print) stays within the 50 a message may have. */
export const MAX_LISTED = 12;

/** `b`: the batch; `r`: the referrer (Mailed only). Ids only: the click re-checks both. */
export interface CardButtonValue {
  b: string;
  r?: string;
}

export function renderCardDay(batch: CardBatch, mailed: ReadonlyMap<string, CardMailed>): Reply {
  const day = DateTime.fromISO(batch.cardDate, { zone: batch.timeZone }).toFormat("cccc d LLLL");
  const headline = `Thank-you cards · ${day}`;
  if (batch.entries.length === 0) {
    return {
      ephemeral: false,
      tone: "info",
      headline,
      sections: [{ text: "Every referrer has been thanked for every referral. No cards this week." }],
    };
  }
  const waiting = batch.entries.filter((e) => !mailed.has(e.referrerId)).length;
  const total = batch.entries.reduce((sum, e) => sum + e.unthanked, 0);
  const sections: ReplySection[] = [
    {
      text:
        `*${countOf(batch.entries.length, "card")} to write* for ${countOf(total, "referral")} not yet thanked` +
        (waiting < batch.entries.length ? ` · ${waiting} still to mail` : ""),
    },
  ];
  for (const entry of batch.entries.slice(0, MAX_LISTED)) {
    sections.push(entrySection(entry, batch, mailed.get(entry.referrerId)));
  }
  const rest = batch.entries.length - MAX_LISTED;
  if (rest > 0) sections.push({ text: `…and ${countOf(rest, "more referrer")}: *Print* lists every card.` });
  const buttons: ReplyButton[] = [];
  if (batch.id && waiting > 0) {
    buttons.push({ label: "All mailed", actionId: "cards.all_mailed", value: value(batch.id), style: "primary" });
  }
  if (batch.id) buttons.push({ label: "Print", actionId: "cards.print", value: value(batch.id) });
  sections.push({
    ...(buttons.length > 0 ? { buttons } : {}),
    context:
      waiting === 0
        ? "✓ Every card is mailed. /thanked still logs a thank-you on any day."
        : "Print gives the card texts and a sheet of address labels (Avery 5160). /thanked works on any day.",
  });
  return { ephemeral: false, tone: "info", headline, sections };
}

function entrySection(entry: CardEntry, batch: CardBatch, done: CardMailed | undefined): ReplySection {
  const since = DateTime.fromISO(entry.since, { zone: batch.timeZone }).toFormat("d LLL");
  const address = addressLines(entry.address);
  const lines = [
    `*${entry.referrerName}*${entry.clinic ? ` · ${entry.clinic}` : ""}`,
    `${countOf(entry.unthanked, "referral")} since ${since}`,
    address.length > 0 ? address.join(", ") : "_No mailing address on file_",
    `_${entry.greeting} ${entry.line}_`,
  ];
  if (done)
    return { text: lines.join("\n"), context: `✓ Mailed by ${done.by} at ${localTime(done.at, batch.timeZone)}` };
  return {
    text: lines.join("\n"),
    ...(batch.id
      ? { buttons: [{ label: "Mailed", actionId: "cards.mailed", value: value(batch.id, entry.referrerId) }] }
      : {}),
  };
}

function value(batchId: string, referrerId?: string): string {
  const v: CardButtonValue = { b: batchId, ...(referrerId ? { r: referrerId } : {}) };
  return JSON.stringify(v);
}
