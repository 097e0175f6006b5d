// The week's thank-you cards as a printable PDF (pdfkit, fonts embedded): first the card texts, one
// block per referrer, then the envelope labels on Avery 5160 sheets (letter, 3 × 10 labels of
// 2.625" × 1"). Names, clinics, addresses and the suggested line only: nothing about a patient.
import PDFDocument from "pdfkit";
import { addressLines, type CardBatch, type CardEntry, hasAddress } from "../core/cards/card-batch.ts";
import { cardFonts, type FontWeight, textRuns } from "./card-fonts.ts";

const PT = 72;
/** Avery 5160 / 8160: the layout printers' templates use. */
export const AVERY_5160 = {
  pageWidth: 8.5 * PT,
  pageHeight: 11 * PT,
  columns: 3,
  rows: 10,
  labelWidth: 2.625 * PT,
  labelHeight: 1 * PT,
  topMargin: 0.5 * PT,
  leftMargin: 0.1875 * PT,
  /** Left edge to left edge: the label and the 0.125" gutter. */
  columnPitch: 2.75 * PT,
  rowPitch: 1 * PT,
} as const;
export const LABELS_PER_SHEET = AVERY_5160.columns * AVERY_5160.rows;

const MARGIN = 0.75 * PT;
const LABEL_PADDING = 0.1 * PT;

type Doc = InstanceType<typeof PDFDocument>;

export async function renderCardPdf(batch: CardBatch): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "LETTER",
    margin: MARGIN,
    autoFirstPage: false,
    // Fixed dates so the same batch gives the same bytes.
    info: {
      Title: `Thank-you cards ${batch.week}`,
      Author: batch.practiceName,
      Creator: "Referral Nudge",
      CreationDate: new Date(`${batch.cardDate}T12:00:00Z`),
    },
  });
  for (const piece of cardFonts()) doc.registerFont(piece.name, piece.data);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  cardPages(doc, batch);
  labelSheets(
    doc,
    batch.entries.filter((e) => hasAddress(e.address)),
  );
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

function cardPages(doc: Doc, batch: CardBatch): void {
  doc.addPage();
  const width = AVERY_5160.pageWidth - 2 * MARGIN;
  write(doc, `Thank-you cards · ${batch.practiceName}`, { size: 16, weight: "bold", width });
  write(doc, `Week ${batch.week} · ${batch.entries.length} cards`, { size: 10, width, color: "#555555" });
  doc.moveDown(0.8);
  if (batch.entries.length === 0)
    write(doc, "No cards this week: every referral has been thanked.", { size: 11, width });
  const missing: string[] = [];
  for (const entry of batch.entries) {
    if (doc.y + blockHeight(entry) > AVERY_5160.pageHeight - MARGIN) doc.addPage();
    cardBlock(doc, entry, width);
    if (!hasAddress(entry.address)) missing.push(entry.referrerName);
  }
  if (missing.length > 0) {
    doc.moveDown(0.5);
    write(doc, `No mailing address on file (no label printed): ${missing.join(", ")}`, {
      size: 9,
      width,
      color: "#555555",
    });
  }
}

function blockHeight(entry: CardEntry): number {
  // Name, clinic and address lines, two lines of card text, and the rule between blocks.
  return 16 + 11 * (1 + addressLines(entry.address).length) + 2 * 14 + 20;
}

function cardBlock(doc: Doc, entry: CardEntry, width: number): void {
  write(doc, entry.referrerName, { size: 12, weight: "bold", width });
  const where = [entry.clinic, ...addressLines(entry.address)].filter((l): l is string => !!l);
  for (const line of where) write(doc, line, { size: 9, width, color: "#555555" });
  doc.moveDown(0.3);
  write(doc, `${entry.greeting} ${entry.line}`, { size: 11, width });
  doc.moveDown(0.4);
  const y = doc.y;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(0.5)
    .strokeColor("#bbbbbb")
    .stroke();
  doc.moveDown(0.6);
}

function labelSheets(doc: Doc, entries: readonly CardEntry[]): void {
  const l = AVERY_5160;
  for (let start = 0; start < entries.length; start += LABELS_PER_SHEET) {
    // Labels sit on the sheet's own grid, not inside the text margins.
    doc.addPage({ size: "LETTER", margin: 0 });
    entries.slice(start, start + LABELS_PER_SHEET).forEach((entry, i) => {
      const x = l.leftMargin + (i % l.columns) * l.columnPitch + LABEL_PADDING;
      const top = l.topMargin + Math.floor(i / l.columns) * l.rowPitch;
      const lines = [entry.referrerName, entry.clinic, ...addressLines(entry.address)].filter((t): t is string => !!t);
      // Five lines fit at 9 pt; a sixth (a long clinic and two street lines) shrinks them all a little.
      const size = lines.length <= 5 ? 9 : 7.5;
      const lineHeight = size * 1.22;
      let y = top + (l.labelHeight - lines.length * lineHeight) / 2;
      for (const [n, line] of lines.entries()) {
        const fitted = fitToWidth(doc, line, size, n === 0 ? "bold" : "regular", l.labelWidth - 2 * LABEL_PADDING);
        write(doc, fitted, { size, weight: n === 0 ? "bold" : "regular", x, y, lineBreak: false });
        y += lineHeight;
      }
    });
  }
}

interface WriteOptions {
  size: number;
  weight?: FontWeight;
  width?: number;
  x?: number;
  y?: number;
  color?: string;
  lineBreak?: boolean;
}

/** Draws text in the font pieces its characters need, as one flowing paragraph. */
function write(doc: Doc, text: string, opts: WriteOptions): void {
  const runs = textRuns(text, opts.weight ?? "regular");
  doc.fillColor(opts.color ?? "#000000").fontSize(opts.size);
  runs.forEach((run, i) => {
    const last = i === runs.length - 1;
    const options = {
      continued: !last,
      ...(opts.width !== undefined ? { width: opts.width } : {}),
      ...(opts.lineBreak === false ? { lineBreak: false } : {}),
    };
    doc.font(run.font);
    if (i === 0 && opts.x !== undefined) doc.text(run.text, opts.x, opts.y, options);
    else doc.text(run.text, options);
  });
}

/** The text cut with "…" to fit the width. */
function fitToWidth(doc: Doc, text: string, size: number, weight: FontWeight, width: number): string {
  const measure = (t: string) =>
    textRuns(t, weight).reduce((sum, run) => sum + doc.font(run.font).fontSize(size).widthOfString(run.text), 0);
  if (measure(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
