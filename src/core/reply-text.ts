// A Reply as readable plain text: for the terminal (the digest with no chat platform) and for text that
// leaves the chat (a calendar invitation's description). Same words as Slack and Teams show, minus buttons.
import type { Reply } from "./reply.ts";

/** The headline underlined, *bold* marks dropped, fields as "label: value", buttons and charts left out. */
export function replyToText(reply: Reply): string {
  const lines: string[] = [reply.headline, "=".repeat(reply.headline.length)];
  for (const section of reply.sections) {
    const block: string[] = [];
    if (section.text) block.push(plainText(section.text));
    for (const field of section.fields ?? []) block.push(`${plainText(field.label)}: ${plainText(field.value)}`);
    if (section.context) block.push(plainText(section.context));
    if (block.length > 0) lines.push("", ...block);
  }
  if (reply.usage) lines.push("", reply.usage);
  return `${lines.join("\n")}\n`;
}

/** Drops the chat markup the core uses (*bold*, _italic_) so plain text shows clean words. */
export function plainText(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, "$1").replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,;:])/g, "$1$2");
}
