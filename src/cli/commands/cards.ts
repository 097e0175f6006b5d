// `referral-nudge cards [--practice NAME] [--week YYYY-Www] [--out file.pdf]`: the week's thank-you cards
// from the command line. Prints the card-day message as text and writes the same PDF that Print gives
// in chat: the batch that card day stored, or, before card day, the cards as they stand now.
import { writeFileSync } from "node:fs";
import type { Services } from "../../app/create-services.ts";
import { cardBatchForPrint } from "../../core/cards/card-day.ts";
import { cardWeekOf, parseCardWeek } from "../../core/cards/card-week.ts";
import { renderCardDay } from "../../core/cards/render-card-day.ts";
import type { Practice } from "../../core/model.ts";
import { renderCardPdf } from "../../documents/card-pdf.ts";
import { digestToText } from "../../scheduler/console-delivery.ts";
import { CliError } from "../cli-services.ts";

export interface CardsCommandOptions {
  week?: string;
  out?: string;
  now?: Date;
  write?: (text: string) => void;
}

export async function cardsCommand(
  services: Pick<Services, "cardData">,
  practice: Practice,
  opts: CardsCommandOptions,
): Promise<{ week: string; cards: number; out: string }> {
  const write = opts.write ?? ((text: string) => process.stdout.write(text));
  const now = opts.now ?? new Date();
  const week = opts.week === undefined ? cardWeekOf(now, practice.timeZone) : parseCardWeek(opts.week);
  if (!week)
    throw new CliError(`--week must be an ISO week like ${cardWeekOf(now, practice.timeZone)}, got "${opts.week}"`);
  const batch = await cardBatchForPrint({ cards: services.cardData }, practice, week, now);
  const mailed = batch.id ? await services.cardData.mailed(batch) : new Map();
  write(digestToText(renderCardDay(batch, mailed)));
  const out = opts.out ?? `thank-you-cards-${week}.pdf`;
  writeFileSync(out, await renderCardPdf(batch));
  write(`\nWrote ${out}: ${batch.entries.length} card texts and their address labels (Avery 5160, letter).\n`);
  return { week, cards: batch.entries.length, out };
}
