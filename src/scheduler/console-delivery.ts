// The digest as plain text on the terminal: where it goes when no chat platform is configured, and
// what `referral-nudge digest --dry-run` prints. Same Reply as Slack and Teams get, minus the buttons.
import type { Digest } from "../core/digest/digest-model.ts";
import { renderDigest } from "../core/digest/render-digest.ts";
import type { ChatDelivery, DeliveryTarget } from "../core/ports.ts";
import type { Reply } from "../core/reply.ts";

/** The one console target; its key is what the digest run records. */
export const CONSOLE_TARGET: DeliveryTarget = { platform: "console", key: "console", address: "stdout" };

/** A Reply as readable plain text: the headline underlined, *bold* marks dropped, buttons left out. */
export function digestToText(reply: Reply): string {
  const lines: string[] = [reply.headline, "=".repeat(reply.headline.length)];
  for (const section of reply.sections) {
    const block: string[] = [];
    if (section.text) block.push(plain(section.text));
    for (const field of section.fields ?? []) block.push(`${plain(field.label)}: ${plain(field.value)}`);
    if (section.context) block.push(plain(section.context));
    if (block.length > 0) lines.push("", ...block);
  }
  if (reply.usage) lines.push("", reply.usage);
  return `${lines.join("\n")}\n`;
}

/** Drops the chat markup the core uses (*bold*, _italic_) so the terminal shows clean words. */
function plain(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, "$1").replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,;:])/g, "$1$2");
}

export interface ConsoleDeliveryOptions {
  /** Where the text goes; standard output by default. */
  write?: (text: string) => void;
}

export function createConsoleDelivery(opts: ConsoleDeliveryOptions = {}): ChatDelivery {
  const write = opts.write ?? ((text: string) => process.stdout.write(text));
  return {
    platform: "console",
    async targets() {
      return [CONSOLE_TARGET];
    },
    async deliver(_target, digest: Digest) {
      write(digestToText(renderDigest(digest)));
    },
  };
}

/** The deliveries to use: the configured chat platforms, or the console when there are none. */
export function withConsoleFallback(deliveries: ChatDelivery[], opts: ConsoleDeliveryOptions = {}): ChatDelivery[] {
  return deliveries.length > 0 ? deliveries : [createConsoleDelivery(opts)];
}
