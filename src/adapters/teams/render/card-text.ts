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
 * Adaptive Card Markdown wants **bold** and has no `code`, and Teams joins single newlines into
 * one line, so each line becomes its own paragraph. `<url|label>` links (Slack style) become Markdown links.
 */
export function toCardMarkdown(text: string): string {
  const converted = text
    .replace(/\r\n?/g, "\n")
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, "[$2]($1)")
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, "$1**$2**")
    // Card Markdown has no code spans; an example to type reads best in bold.
    .replace(/`([^`\n]+)`/g, "**$1**");
  const lines = converted.split("\n").map((line) => line.trimEnd());
  return truncateLines(lines.filter((line) => line !== "").join("\n\n"), MAX_TEXT_CHARS);
}

/** Plain text for places without Markdown (button titles, fact titles). */
export function plain(text: string, max: number): string {
  return truncate(
    text
      .replace(/\*([^*\n]+)\*/g, "$1")
      .replace(/\s+/g, " ")
      .trim(),
    max,
  );
}
