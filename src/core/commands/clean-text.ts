// Turns what Slack or Teams delivered into plain text plus the people it mentions. Slack escapes
// what users type (&lt;) so its own <…> markup is unambiguous; Teams wraps mentions in <at>…</at>.

export interface UserMention {
  /** Slack user id; null for a Teams mention, whose id only the adapter can look up (activity entities). */
  userId: string | null;
  /** The label Slack sent (`<@U123|ana>`) or the Teams mention text; null when Slack sent only the id. */
  name: string | null;
}

export interface CleanedText {
  text: string;
  mentions: UserMention[];
}

// Labels and mention text stop at the next "<" or ">": without that, text full of unclosed "<#C1|" or
// "<at>" would make each match scan to the end of a 10,000-character message (quadratic time).
const SLACK_USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|([^<>]*))?>/g;
export const TEAMS_MENTION = /<at(?:\s[^<>]*)?>([^<]*)<\/at>/gi;
const SLACK_MARKUP = /<(#[A-Z0-9]+|![^<>|]+|(?:https?|mailto):[^<>|\s]+)(?:\|([^<>]*))?>/g;
// Teams may wrap a message in paragraphs or break lines with tags; they carry no meaning for a command.
const TEAMS_LAYOUT_TAG = /<\/?(?:p|div|span|br)\b[^>]*>/gi;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function cleanCommandText(raw: string): CleanedText {
  const mentions: UserMention[] = [];
  const text = raw
    .replace(SLACK_USER_MENTION, (_, userId: string, label: string | undefined) => {
      mentions.push({ userId, name: label?.trim() || null });
      return " ";
    })
    .replace(TEAMS_MENTION, (_, inner: string) => {
      const name = collapse(stripInvisible(decodeEntities(inner)));
      if (name !== "") mentions.push({ userId: null, name });
      return " ";
    })
    .replace(SLACK_MARKUP, (_, target: string, label: string | undefined) => slackMarkupText(target, label))
    .replace(TEAMS_LAYOUT_TAG, " ");
  return { text: collapse(stripInvisible(decodeEntities(text))), mentions };
}

export function stripLayoutTags(text: string): string {
  return text.replace(TEAMS_LAYOUT_TAG, " ");
}

function slackMarkupText(target: string, label: string | undefined): string {
  if (target.startsWith("#")) return `#${label || target.slice(1)}`;
  if (target.startsWith("!")) {
    const name = label || target.slice(1).split("^")[0]!;
    return name.startsWith("@") ? name : `@${name}`;
  }
  return label || target;
}

export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, body: string) => {
    if (!body.startsWith("#")) return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
    const code =
      body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    const isScalar = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return isScalar ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Drops control characters (they break rendering and logs) and the invisible ones that make two names
 * look equal but compare different. Line breaks and tabs become spaces. The emoji joiner (U+200D) stays.
 */
export function stripInvisible(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0x09 || code === 0x0a || code === 0x0d) out += " ";
    else if (!isInvisible(code)) out += char;
  }
  return out;
}

function isInvisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200b ||
    code === 0x200c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    code === 0x2060 ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
