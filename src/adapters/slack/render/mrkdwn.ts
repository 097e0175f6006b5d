// Text going into Slack: escaped so a referrer called "<!channel>" pings nobody, and cut without
// leaving half an entity, half a mention or half an emoji behind.

/** Slack's three control characters, escaped; user and channel mentions the core wrote are kept. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/&lt;(@[UW][A-Z0-9]+|#C[A-Z0-9]+)&gt;/g, "<$1>");
}

/** Undoes Slack's escaping of typed command text (it sends `&amp;`, `&lt;`, `&gt;`). */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Cuts to at most `max` characters, ending in "…", never inside an entity, a mention or a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…".slice(0, max);
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  const head = text
    .slice(0, cut)
    .replace(/&[a-z]*$/i, "")
    .replace(/<[^>]*$/, "");
  return `${head}…`;
}

/** Escaped, then cut to fit. */
export function mrkdwn(text: string, max: number): string {
  return truncateText(escapeMrkdwn(text), max);
}
