// The digest as plain text on the terminal: where it goes when no chat platform is configured, and
// what `referral-nudge digest --dry-run` prints. Same Reply as Slack and Teams get, minus the buttons.
import type { Digest } from "../core/digest/digest-model.ts";
import { renderDigest } from "../core/digest/render-digest.ts";
import type { ChatDelivery, DeliveryTarget } from "../core/ports.ts";
import { replyToText } from "../core/reply-text.ts";

/** The one console target; its key is what the digest run records. */
export const CONSOLE_TARGET: DeliveryTarget = { platform: "console", key: "console", address: "stdout" };

/** A Reply as readable plain text (core/reply-text.ts): what the terminal shows. */
export const digestToText = replyToText;

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
