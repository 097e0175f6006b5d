// Streams a CSV file (or any readable stream) as records with the line each starts on, without ever
// holding the whole file. The delimiter is sniffed from the first block: exports use commas, semicolons
// (where the comma is the decimal mark) or tabs. Records csv-parse cannot read come out as errors in
// their place, so one broken quote costs one row, not the rest of the file.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { collectDateOrderEvidence, type DateOrderEvidence, emptyEvidence } from "./dates.ts";
import { ImportError } from "./import-error.ts";

export type Delimiter = "," | ";" | "\t";

export type CsvRecord = { line: number; values: string[]; error?: undefined } | { line: number; error: string };

export interface CsvSource {
  delimiter: Delimiter;
  /** Size of the file, for a progress bar; null for a stream. */
  totalBytes: number | null;
  /** Bytes handed to the parser so far. */
  bytesRead(): number;
  records: AsyncIterable<CsvRecord>;
  /** Stops reading (an import that stops early must not keep the file open). */
  close(): void;
}

/** How much of the start of the input is looked at to sniff the delimiter. */
const HEAD_BYTES = 64 * 1024;

/** The candidate that appears most often outside quotes in the first lines; commas win ties. */
export function sniffDelimiter(head: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of head.replace(/^\uFEFF/, "")) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted) {
      if (ch === "\n" && ++lines >= 50) break;
      if (ch === "," || ch === ";" || ch === "\t") counts[ch]++;
    }
  }
  let best: Delimiter = ",";
  for (const d of [";", "\t"] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

async function* chunksOf(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  for await (const chunk of stream) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}

/** Reads the whole file once for what its dates prove about day/month order (a regex pass, no parsing). */
export async function scanDateOrder(path: string): Promise<DateOrderEvidence> {
  const evidence = emptyEvidence();
  let carry = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = carry + (chunk as string);
    const cut = text.lastIndexOf("\n");
    carry = cut < 0 ? text : text.slice(cut + 1);
    if (cut >= 0) collectDateOrderEvidence(text.slice(0, cut), evidence);
    if (evidence.dayFirst > 0 && evidence.monthFirst > 0) return evidence;
  }
  return collectDateOrderEvidence(carry, evidence);
}

export interface OpenedSource extends CsvSource {
  /** The first block of the input as text, for sniffing the date order of a stream. */
  head: string;
}

export async function openCsvSource(input: string | Readable): Promise<OpenedSource> {
  let totalBytes: number | null = null;
  let stream: AsyncIterable<Buffer | string>;
  if (typeof input === "string") {
    try {
      totalBytes = (await stat(input)).size;
    } catch (error) {
      throw new ImportError("IMPORT_FILE_NOT_FOUND", `There is no file at ${input}.`, undefined, { cause: error });
    }
    stream = createReadStream(input, { highWaterMark: HEAD_BYTES });
  } else {
    stream = input;
  }

  // Peek at the head, then hand the parser the head followed by the rest, so nothing is read twice.
  const iterator = chunksOf(stream)[Symbol.asyncIterator]();
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let done = false;
  while (headSize < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    headChunks.push(next.value);
    headSize += next.value.length;
  }
  const headBuffer = Buffer.concat(headChunks);
  const head = headBuffer.toString("utf8");
  if (head.replace(/^\uFEFF/, "").trim() === "") {
    throw new ImportError("IMPORT_EMPTY_FILE", "The file is empty: there is no header row and no referrals in it.");
  }
  const delimiter = sniffDelimiter(head);

  let bytes = 0;
  async function* everything(): AsyncGenerator<Buffer> {
    bytes += headBuffer.length;
    yield headBuffer;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      bytes += next.value.length;
      yield next.value;
    }
  }

  const skipped: CsvRecord[] = [];
  const parser = parse({
    bom: true,
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) {
        const line = Number((error as { lines?: number }).lines ?? 0);
        skipped.push({ line, error: `could not be read as CSV (${csvProblem(error.message)})` });
      }
    },
  });
  // The line each record ends on, read from the parser's live counters as it hands the record over:
  // csv-parse's own \`info\` option builds a dozen-field object per record, a tenth of the reading time.
  const push = parser.push.bind(parser);
  parser.push = (record: unknown) =>
    push(record === null ? null : { record: record as string[], lines: parser.info.lines });
  const feed = Readable.from(everything());
  // pipe() does not pass a read error on; without this the parser would wait forever.
  feed.on("error", (error) => parser.destroy(error));
  feed.pipe(parser);

  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const item of parser as AsyncIterable<{ record: string[]; lines: number }>) {
      while (skipped.length > 0) yield skipped.shift()!;
      const { record, lines } = item;
      // \`lines\` is where the record ends; a quoted field with line breaks started earlier.
      let breaks = 0;
      for (const field of record) if (field.includes("\n")) breaks += field.split("\n").length - 1;
      yield { line: lines - breaks, values: record };
    }
    while (skipped.length > 0) yield skipped.shift()!;
  }

  const close = () => {
    feed.destroy();
    parser.destroy();
    if (typeof input === "string") (stream as ReturnType<typeof createReadStream>).destroy();
  };
  return { delimiter, totalBytes, bytesRead: () => bytes, records: records(), head, close };
}

/** csv-parse's message without its advice about options we chose on purpose. */
function csvProblem(message: string): string {
  return message.split(":")[0]?.trim().toLowerCase() || "unreadable";
}
