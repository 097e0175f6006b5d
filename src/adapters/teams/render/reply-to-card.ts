// Renders the core's neutral Reply as one Adaptive Card 1.5. Buttons become Action.Execute with
// verb = action id and data = { value }, so a click arrives as an `adaptiveCard/action` invoke whose
// returned card replaces the old one in place (Universal Actions). We emit no Action.Submit
// fallback: every Teams client that renders cards 1.4+ (desktop, web, mobile since 2021) runs
// Action.Execute, and a second code path for old clients would double what can go wrong.
//
// Teams rejects a message over about 28 KB, so the card is built within a byte budget: sections
// are added while they fit, and the rest are summarised in one line instead of being cut mid-way.
import type { ChartModel } from "../../../core/charts/chart-model.ts";
import type { Reply, ReplyButton, ReplySection } from "../../../core/reply.ts";
import {
  type ActionSet,
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type Container,
  type ContainerStyle,
  cardBytes,
  type ExecuteAction,
  type TextBlock,
} from "./adaptive-card.ts";
import { MAX_TEXT_CHARS, plain, plainInMarkdown, toCardMarkdown } from "./card-text.ts";

/** Teams' limit is ~28 KB for the whole activity; leave room for the envelope and the attachment wrapper. */
export const CARD_BUDGET_BYTES = 24_000;
/** The adaptivecards host default; Teams shows a sixth button under a "…" menu, which users miss. */
export const MAX_BUTTONS_PER_ROW = 5;
/** Slack's limit, which the core already respects; more facts than this do not fit a phone screen either. */
export const MAX_FIELDS_PER_SECTION = 10;
const MAX_BUTTON_TITLE = 40;
/** Room kept for the "N more not shown" line. */
const SUMMARY_RESERVE_BYTES = 400;

export interface RenderOptions {
  /** Byte budget for the serialised card (tests lower it). */
  budgetBytes?: number;
  /** A line shown above the reply, for the person who clicked only (the core's `notice`). */
  banner?: Reply;
  /** Each chart's image URL; a chart without one shows as its words. */
  chartUrl?: (chart: ChartModel) => string | null;
}

const TONE_STYLE: Record<Reply["tone"], ContainerStyle> = {
  info: "emphasis",
  success: "good",
  warning: "warning",
  error: "attention",
};

const TONE_COLOR: Record<Reply["tone"], TextBlock["color"]> = {
  info: "default",
  success: "good",
  warning: "warning",
  error: "attention",
};

export function replyToCard(reply: Reply, opts: RenderOptions = {}): AdaptiveCard {
  const budget = opts.budgetBytes ?? CARD_BUDGET_BYTES;
  const head: CardElement[] = [];
  if (opts.banner) head.push(bannerBlock(opts.banner));
  head.push(headerContainer(reply));

  const tail: CardElement[] = [];
  if (reply.usage) tail.push(usageBlock(reply.usage));

  // A "show more" button is how the reader gets at what did not fit, so it is never the part dropped.
  const pinned = reply.sections.filter(hasMoreButton);
  const regular = reply.sections.filter((s) => !hasMoreButton(s));
  const pinnedElements = pinned.map((s) => sectionContainer(s, opts.chartUrl));

  let used = cardBytes(adaptiveCard([...head, ...pinnedElements, ...tail])) + SUMMARY_RESERVE_BYTES;
  const shown: CardElement[] = [];
  let omitted = 0;
  for (const section of regular) {
    if (omitted > 0) {
      omitted++;
      continue;
    }
    const element = sectionContainer(section, opts.chartUrl);
    const size = cardBytes(element) + 1;
    if (used + size > budget) {
      omitted++;
      continue;
    }
    used += size;
    shown.push(element);
  }

  const summary = omitted > 0 ? [omittedBlock(omitted)] : [];
  return adaptiveCard([...head, ...shown, ...summary, ...pinnedElements, ...tail]);
}

function headerContainer(reply: Reply): Container {
  return {
    type: "Container",
    style: TONE_STYLE[reply.tone],
    bleed: true,
    items: [
      { type: "TextBlock", text: plainInMarkdown(reply.headline, 300), weight: "bolder", size: "medium", wrap: true },
    ],
  };
}

function bannerBlock(banner: Reply): TextBlock {
  return {
    type: "TextBlock",
    text: plainInMarkdown(banner.headline, 300),
    color: TONE_COLOR[banner.tone],
    weight: "bolder",
    wrap: true,
  };
}

function sectionContainer(section: ReplySection, chartUrl?: RenderOptions["chartUrl"]): Container {
  const items: CardElement[] = [];
  if (section.text) items.push({ type: "TextBlock", text: toCardMarkdown(section.text), wrap: true });
  if (section.fields?.length) {
    items.push({
      type: "FactSet",
      facts: section.fields.slice(0, MAX_FIELDS_PER_SECTION).map((f) => ({
        title: plainInMarkdown(f.label, 100),
        value: plainInMarkdown(f.value, 500),
      })),
    });
  }
  if (section.chart) {
    const url = chartUrl?.(section.chart);
    const words = plainInMarkdown(section.chart.altText, MAX_TEXT_CHARS);
    items.push(
      url
        ? { type: "Image", url, altText: words, size: "stretch" }
        : { type: "TextBlock", text: `📈 ${words}`, isSubtle: true, wrap: true },
    );
  }
  if (section.buttons?.length) items.push(...buttonRows(section.buttons));
  if (section.context) {
    items.push({ type: "TextBlock", text: toCardMarkdown(section.context), isSubtle: true, size: "small", wrap: true });
  }
  // An empty container is invalid in some renderers; keep a placeholder so the section still shows.
  if (items.length === 0) items.push({ type: "TextBlock", text: " ", wrap: true });
  return { type: "Container", separator: true, spacing: "medium", items };
}

function buttonRows(buttons: ReplyButton[]): ActionSet[] {
  const rows: ActionSet[] = [];
  for (let i = 0; i < buttons.length; i += MAX_BUTTONS_PER_ROW) {
    rows.push({ type: "ActionSet", actions: buttons.slice(i, i + MAX_BUTTONS_PER_ROW).map(buttonAction) });
  }
  return rows;
}

export function buttonAction(button: ReplyButton): ExecuteAction {
  const action: ExecuteAction = {
    type: "Action.Execute",
    title: plain(button.label, MAX_BUTTON_TITLE),
    verb: button.actionId,
    data: { value: button.value },
  };
  if (button.style === "primary") action.style = "positive";
  if (button.style === "danger") action.style = "destructive";
  return action;
}

function usageBlock(usage: string): TextBlock {
  return {
    type: "TextBlock",
    text: `Try: ${plainInMarkdown(usage, MAX_TEXT_CHARS)}`,
    isSubtle: true,
    size: "small",
    wrap: true,
  };
}

function omittedBlock(omitted: number): TextBlock {
  const what = omitted === 1 ? "1 more item" : `${omitted} more items`;
  return {
    type: "TextBlock",
    text: `…and ${what} not shown here: Teams limits how long one message can be.`,
    isSubtle: true,
    wrap: true,
    separator: true,
  };
}

function hasMoreButton(section: ReplySection): boolean {
  return section.buttons?.some((b) => b.actionId === "nudges.more") ?? false;
}
