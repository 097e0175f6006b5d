// Turns the core's "Markdown-light" (Slack-flavoured: *bold*, _italic_, • bullets, \n) into the
// Markdown subset Adaptive Cards understand, and keeps any one text within a size Teams renders.

/** Longest text block we emit; longer texts are cut with an ellipsis (the card has a total budget too). */
export const MAX_TEXT_CHARS = 2_000;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Cuts a text of paragraphs after the last whole one that fits, so a list never ends mid-name. */
export function truncateLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const reserve = 40; // room for the "…and N more lines" note
  const cut = text.lastIndexOf("\n\n", max - reserve);
  if (cut <= 0) return truncate(text, max);
  const rest = text
    .slice(cut)
    .split("\n\n")
    .filter((line) => line.trim() !== "").length;
  return `${text.slice(0, cut).trimEnd()}\n\n…and ${rest} more ${rest === 1 ? "line" : "lines"}`;
}

/**
 * Characters Adaptive Card Markdown (CommonMark) could read as markup: links `[x](…)`, images
 * `![](…)`, autolinks and tags `<…>`, emphasis, code, headings, strikethrough, tables. Each is
 * backslash-escaped in text we did not write, so `[reset your password](https://evil.example)` in a
 * note shows as those characters, never as a link.
 */
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#!<>|~]/g;
/** List and heading markers only mean something at the start of a line. */
const LINE_START_MARKERS = /^(\s*)([-+=]|\d+(?=[.)]))/gm;

/** Text shown exactly as written in a card's Markdown (a TextBlock, a fact). */
export function escapeCardMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`)
    .replace(LINE_START_MARKERS, (_, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    );
}

/**
 * The core's own markup, the only Markdown a card shows: *bold* (a word or phrase between single
 * stars) and `code` (an example to type, shown bold: card Markdown has no code spans).
 */
const CORE_MARKUP = /(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])|`([^`\n]+)`/g;

/**
 * Turns the core's "Markdown-light" (Slack-flavoured: *bold*, • bullets, \n) into the Markdown
 * Adaptive Cards understand. Everything else, including whatever a user typed into a note, a name or
 * a reason, is escaped: links, images and tags stay text. The core writes no links of its own.
 * Teams joins single newlines into one line, so each line becomes its own paragraph.
 */
export function toCardMarkdown(text: string): string {
  const source = text.replace(/\r\n?/g, "\n");
  let converted = "";
  let at = 0;
  for (const match of source.matchAll(CORE_MARKUP)) {
    const [whole, before = "", bold, code] = match;
    converted += escapeCardMarkdown(source.slice(at, match.index) + before);
    converted += `**${escapeCardMarkdown((bold ?? code ?? "").trim())}**`;
    at = match.index + whole.length;
  }
  converted += escapeCardMarkdown(source.slice(at));
  const lines = converted.split("\n").map((line) => line.trimEnd());
  return truncateLines(lines.filter((line) => line !== "").join("\n\n"), MAX_TEXT_CHARS);
}

/** Plain text for places without Markdown (button titles, notification summaries, invoke notices). */
export function plain(text: string, max: number): string {
  return truncate(
    text
      .replace(/\*([^*\n]+)\*/g, "$1")
      .replace(/\s+/g, " ")
      .trim(),
    max,
  );
}

/** Plain text in a place that renders Markdown (a headline TextBlock, a fact): shown as written. */
export function plainInMarkdown(text: string, max: number): string {
  return escapeCardMarkdown(plain(text, max));
}
