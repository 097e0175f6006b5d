// Text going into Slack: escaped so that nothing a user typed (a note, a name, a reason) becomes
// markup, and cut without leaving half an entity, half a mention or half an emoji behind.

/**
 * Slack's three control characters, escaped everywhere: a typed `<@U123>`, `<!channel>`, `<!here>`
 * or `<https://evil|x>` shows as those characters and pings or links nobody. The core writes no
 * mentions or links of its own, so nothing needs to survive this; its *bold* is not affected.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
