// The core's neutral Reply drawn as Block Kit. Whatever Reply comes in, what goes out stays within
// Slack's limits: every piece is capped, and sections that do not fit are summarised in one line
// instead of failing the whole message (see block-kit-limits.ts for the limits themselves).
import type { types } from "@slack/bolt";
import type { Reply, ReplyButton, ReplySection } from "../../../core/reply.ts";
import type { ChartImageLookup } from "../chart-images.ts";
import { BLOCK_KIT_LIMITS, type BlockKitSurface, blockTextLength } from "./block-kit-limits.ts";
import { mrkdwn, truncateText } from "./mrkdwn.ts";

type KnownBlock = types.KnownBlock;

export interface RenderedMessage {
  /** Notification and fallback text. */
  text: string;
  blocks: KnownBlock[];
}

const TONE_MARK: Record<Reply["tone"], string> = { info: "", success: "✅ ", warning: "⚠️ ", error: "❌ " };

/**
 * Caps chosen so that one section can never exceed the text budget on its own
 * (text 3000 + fields 3000 + 25 labels of 75 + context 1500 ≈ 9,400 < 12,000).
 */
const CAP = {
  headline: 300,
  sectionText: BLOCK_KIT_LIMITS.sectionText,
  fieldsTotal: 3000,
  maxFields: 20,
  context: 1500,
  usage: 500,
  altText: 1000,
  buttonsPerSection: BLOCK_KIT_LIMITS.actionsElements,
} as const;

/** Below Slack's ~13,000 so that the escaping done by Slack's own pipeline never tips us over. */
const MESSAGE_TEXT_BUDGET = 12_000;

/** Separates the core's action id from the index that keeps action_ids unique within one message. */
export const ACTION_INDEX_SEPARATOR = "#";

/** `nudge.done#3` → `nudge.done`. */
export function stripActionIndex(actionId: string): string {
  const at = actionId.lastIndexOf(ACTION_INDEX_SEPARATOR);
  return at === -1 ? actionId : actionId.slice(0, at);
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: "plain_text", text: truncateText(text, max) || " ", emoji: true };
}

/**
 * verbatim: Slack would otherwise link-ify channel names and URLs and parse some mentions in plain
 * text by itself; the core's *bold* and line breaks still render.
 */
function md(text: string, max: number): types.MrkdwnElement {
  return { type: "mrkdwn", text: mrkdwn(text, max) || " ", verbatim: true };
}

function headlineBlocks(reply: Reply, useHeader: boolean): KnownBlock[] {
  // A headline that already opens with its own mark ("✓ Thanked Dr. Lee") gets no second one.
  const mark = /^[✓✔✅❌⚠]/u.test(reply.headline) ? "" : TONE_MARK[reply.tone];
  const headline = `${mark}${reply.headline}`.trim() || " ";
  if (useHeader) return [{ type: "header", text: plain(headline, BLOCK_KIT_LIMITS.headerText) }];
  // A section keeps *bold*, which a header block cannot show.
  return [
    { type: "section", text: { type: "mrkdwn", text: `*${mrkdwn(headline, CAP.headline - 2)}*`, verbatim: true } },
  ];
}

function fieldBlocks(fields: NonNullable<ReplySection["fields"]>): types.MrkdwnElement[] {
  const shown = fields.slice(0, CAP.maxFields);
  const hidden = fields.length - shown.length;
  const perField = Math.min(BLOCK_KIT_LIMITS.fieldText, Math.floor(CAP.fieldsTotal / Math.max(1, shown.length)));
  const out = shown.map((f) => ({
    type: "mrkdwn" as const,
    text: mrkdwn(`*${f.label}*\n${f.value}`, perField) || " ",
    verbatim: true,
  }));
  if (hidden > 0 && out.length > 0)
    out[out.length - 1] = { type: "mrkdwn", text: `…and ${hidden} more`, verbatim: true };
  return out;
}

function buttonElement(button: ReplyButton, index: number): types.Button | null {
  // A value cut short would be broken JSON; a button that cannot carry its value is left out.
  if (button.value.length > BLOCK_KIT_LIMITS.buttonValue) return null;
  return {
    type: "button",
    text: plain(button.label, BLOCK_KIT_LIMITS.buttonText),
    action_id: `${button.actionId}${ACTION_INDEX_SEPARATOR}${index}`,
    value: button.value,
    ...(button.style ? { style: button.style } : {}),
  };
}

/** Hands out button indexes so that action_ids stay unique across the whole message. */
class ButtonCounter {
  private next = 0;
  take(): number {
    return this.next++;
  }
}

/** A chart: its image with the trend in words as alt text, or those words alone where there is no image. */
function chartBlock(chart: NonNullable<ReplySection["chart"]>, images: ChartImageLookup | undefined): KnownBlock {
  const source = images?.(chart);
  if (source) return { type: "image", alt_text: truncateText(chart.altText, CAP.altText), ...source } as KnownBlock;
  return { type: "context", elements: [md(`📈 ${chart.altText}`, CAP.context)] };
}

function sectionBlocks(section: ReplySection, counter: ButtonCounter, images?: ChartImageLookup): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const fields = section.fields?.length ? fieldBlocks(section.fields) : [];
  const firstFields = fields.slice(0, BLOCK_KIT_LIMITS.sectionFields);
  if (section.text?.trim() || firstFields.length) {
    blocks.push({
      type: "section",
      ...(section.text?.trim() ? { text: md(section.text, CAP.sectionText) } : {}),
      ...(firstFields.length ? { fields: firstFields } : {}),
    });
  }
  for (let i = BLOCK_KIT_LIMITS.sectionFields; i < fields.length; i += BLOCK_KIT_LIMITS.sectionFields) {
    blocks.push({ type: "section", fields: fields.slice(i, i + BLOCK_KIT_LIMITS.sectionFields) });
  }
  const buttons = (section.buttons ?? [])
    .slice(0, CAP.buttonsPerSection)
    .map((b) => buttonElement(b, counter.take()))
    .filter((b): b is types.Button => b !== null);
  if (section.chart) blocks.push(chartBlock(section.chart, images));
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  if (section.context?.trim()) blocks.push({ type: "context", elements: [md(section.context, CAP.context)] });
  return blocks;
}

/** The top-level `text`: what notifications and screen readers show. Slack parses it as mrkdwn too. */
function fallbackText(reply: Reply): string {
  return mrkdwn(reply.headline, CAP.sectionText) || " ";
}

function overflowNote(omitted: number): KnownBlock {
  const what = omitted === 1 ? "1 more item" : `${omitted} more items`;
  return { type: "context", elements: [{ type: "mrkdwn", text: `…and ${what} not shown here.` }] };
}

function textLength(blocks: KnownBlock[]): number {
  return blocks.reduce((sum, b) => sum + blockTextLength(b), 0);
}

export interface RenderOptions {
  /** message (50 blocks, ~13k characters), or a view: home / modal (100 blocks). */
  surface?: BlockKitSurface;
  /** Where each chart's image is (a URL or an uploaded file); without one a chart shows as its words. */
  chartImages?: ChartImageLookup;
}

/** Draws a Reply as Block Kit that fits the surface, whatever the Reply holds. */
export function replyToBlocks(reply: Reply, opts: RenderOptions = {}): RenderedMessage {
  const surface = opts.surface ?? "message";
  const maxBlocks = surface === "message" ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
  const useHeader = surface === "home" || reply.sections.length > 0;
  const head = headlineBlocks(reply, useHeader);
  const tail: KnownBlock[] = reply.usage?.trim()
    ? [
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: `Try: ${mrkdwn(reply.usage, CAP.usage)}`, verbatim: true }],
        },
      ]
    : [];
  // Room kept for the "…and N more" line.
  const reserveBlocks = 1;
  const reserveChars = 60;

  const counter = new ButtonCounter();
  const body: KnownBlock[] = [];
  let chars = textLength(head) + textLength(tail);
  let omitted = 0;
  for (let i = 0; i < reply.sections.length; i++) {
    const section = reply.sections[i] as ReplySection;
    const blocks = sectionBlocks(section, counter, opts.chartImages);
    const blockCount = head.length + body.length + blocks.length + tail.length + reserveBlocks;
    const charCount = chars + textLength(blocks) + reserveChars;
    if (blockCount > maxBlocks || (surface === "message" && charCount > MESSAGE_TEXT_BUDGET)) {
      omitted = reply.sections.length - i;
      break;
    }
    body.push(...blocks);
    chars += textLength(blocks);
  }
  if (omitted > 0) body.push(overflowNote(omitted));

  return { text: fallbackText(reply), blocks: [...head, ...body, ...tail] };
}

/** The last-resort message when a rendered payload still breaks a limit: the headline alone. */
export function headlineOnly(reply: Reply): RenderedMessage {
  return { text: fallbackText(reply), blocks: headlineBlocks(reply, false) };
}
