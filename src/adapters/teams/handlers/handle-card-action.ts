// A click on an Action.Execute button (an `adaptiveCard/action` invoke). The returned card
// replaces the clicked one for the person who clicked; an `update` is also written to the message
// itself (PUT) so everyone else in the chat sees it too. The card data is untrusted: it only
// selects a verb and carries an opaque value the core re-checks against the clicker's practice.
import { z } from "zod/v4";
import type { ActionResult } from "../../../core/chat-api.ts";
import { shownFields } from "../../../core/forms/form-rendering.ts";
import { formDefinition } from "../../../core/forms/index.ts";
import { ACTION_IDS, type ActionId, type Reply, textReply } from "../../../core/reply.ts";
import { fileLinkCard } from "../cards/file-link-card.ts";
import { FORM_CANCEL_VERB, FORM_DATA_KEYS, FORM_SUBMIT_VERB, formAsDrawn, ZFormData } from "../cards/form-parts.ts";
import { formClosedCard } from "../cards/notice-card.ts";
import { digestOriginOf, REFRESH_VERB, refreshSection, withRefresh } from "../cards/refresh.ts";
import { actionRequestKey, teamsChatContext } from "../chat-context.ts";
import type { AdaptiveCard, CardRefresh } from "../render/adaptive-card.ts";
import { cardActivity } from "../render/card-activity.ts";
import { plain } from "../render/card-text.ts";
import { formToCard } from "../render/form-to-card.ts";
import { replyToCard } from "../render/reply-to-card.ts";
import type { TeamsActivity, TeamsTurn } from "../teams-activity.ts";
import { chartOptions, type TeamsHandlerDeps } from "./handler-deps.ts";
import { knownTeamsUserIds } from "./refresh-users.ts";

/** What an invoke answers: a card that replaces the clicked one, or a short message shown beside it. */
export type CardActionAnswer = AdaptiveCard | string;

const ZButtonData = z.object({ value: z.string().max(4000) });
const ZInvokeValue = z.looseObject({
  action: z.looseObject({ verb: z.unknown().optional(), data: z.unknown().optional() }).nullish(),
});

/** The clicked button's verb and data, from an `adaptiveCard/action` invoke. */
export function invokeAction(activity: TeamsActivity): { verb: string; data: unknown } {
  const value = ZInvokeValue.safeParse(activity.value ?? {});
  const action = value.success ? value.data.action : undefined;
  return { verb: String(action?.verb ?? ""), data: action?.data ?? {} };
}

export async function handleCardAction(turn: TeamsTurn, deps: TeamsHandlerDeps): Promise<CardActionAnswer> {
  const { verb, data } = invokeAction(turn.activity);
  const ctx = teamsChatContext(turn.activity, deps.mode, actionRequestKey(turn.activity, verb, data));

  if (verb === FORM_CANCEL_VERB) {
    const card = formClosedCard();
    await updateForEveryone(turn, deps, card);
    return card;
  }

  if (verb === FORM_SUBMIT_VERB) {
    const form = ZFormData.safeParse(data);
    if (!form.success) return "This form is out of date. Please open it again.";
    const values = formValues(form.data);
    const reply = await deps.core.submitForm(ctx, form.data.kind, form.data.metadata, values);
    // Refused field by field: the form again, as typed, each problem under its field (for the clicker only).
    if (reply.tone === "error" && reply.fieldErrors) {
      const again = formAsDrawn(form.data, formDefinition(form.data.kind).title, stringsOf(values));
      const shown = new Set(shownFields(again).map((f) => f.name));
      if (Object.keys(reply.fieldErrors).some((name) => shown.has(name))) {
        return formToCard(again, { fieldErrors: reply.fieldErrors });
      }
    }
    // Any other refusal leaves the form in place, so the person can fix it and send it again.
    if (reply.tone === "error") return noticeText(reply);
    const card = replyToCard(reply);
    await updateForEveryone(turn, deps, card);
    return card;
  }

  if (!isActionId(verb)) return "This button is no longer supported. Type help to see what I can do.";
  const button = ZButtonData.safeParse(data);
  if (!button.success) return "This button is out of date. Type help to see what I can do.";
  const result = await deps.core.runAction(ctx, verb, button.data.value);
  // A card drawn from a digest keeps refreshing for each viewer (cards/refresh.ts).
  const origin = digestOriginOf(button.data.value);
  const refresh = origin ? await refreshOf(deps, ctx.workspaceId, origin, turn.activity.from?.id) : null;
  if (verb === REFRESH_VERB) {
    // Teams asks for one person's view: the card for them, never a rewrite for everyone (which would
    // make every viewer's client ask again).
    if (!result.update) return noticeText(result.notice ?? textReply("Type /nudges for the current list."));
    const card = replyToCard(result.update, chartOptions(deps));
    return refresh ? withRefresh(card, refresh) : card;
  }
  if (result.file) return handOverFile(turn, deps, ctx.workspaceId, result);
  return answerAction(turn, deps, result, refresh);
}

/**
 * A file from the core (the cards' PDF): a new message with a signed, expiring download link, since a bot
 * cannot upload a file into a Teams chat. The clicked card stays as it was.
 */
async function handOverFile(
  turn: TeamsTurn,
  deps: TeamsHandlerDeps,
  workspaceId: string,
  result: ActionResult,
): Promise<CardActionAnswer> {
  const file = result.file;
  const link = await deps.repos.workspaces.find("teams", workspaceId);
  const url = file?.ref && link && deps.fileLinks ? deps.fileLinks.url(link.practiceId, file.ref, file.filename) : null;
  if (!file || !url) {
    const off = "Download links are off on this server (set PUBLIC_URL).";
    return file?.ref?.startsWith("cards:") ? `${off} The CLI prints the same file: referral-nudge cards` : off;
  }
  const note = result.notice?.headline ?? "Your file is ready.";
  await turn.send(cardActivity(fileLinkCard(file, url, note), file.title));
  return plain(note, 200);
}

async function refreshOf(
  deps: TeamsHandlerDeps,
  workspaceId: string,
  origin: string,
  viewer: string | undefined,
): Promise<CardRefresh | null> {
  const link = await deps.repos.workspaces.find("teams", workspaceId);
  if (!link) return null;
  return refreshSection(origin, await knownTeamsUserIds(deps.repos, link.practiceId, viewer ? [viewer] : []));
}

async function answerAction(
  turn: TeamsTurn,
  deps: TeamsHandlerDeps,
  result: ActionResult,
  refresh: CardRefresh | null,
): Promise<CardActionAnswer> {
  if (result.form) await turn.send(cardActivity(formToCard(result.form), result.form.title));

  if (result.update) {
    const refreshed = (card: AdaptiveCard) => (refresh ? withRefresh(card, refresh) : card);
    const card = refreshed(replyToCard(result.update, chartOptions(deps)));
    await updateForEveryone(turn, deps, card);
    return result.notice
      ? refreshed(replyToCard(result.update, { banner: result.notice, ...chartOptions(deps) }))
      : card;
  }
  if (result.notice) {
    if (result.notice.sections.length === 0) return noticeText(result.notice);
    // A notice with content of its own (a list, a choice) is a new message: replacing the card
    // that was clicked (a digest, say) would take it away from the person who clicked.
    await turn.send(cardActivity(replyToCard(result.notice, chartOptions(deps)), result.notice.headline));
    return plain(result.notice.headline, 200);
  }
  return result.form ? "Fill in the form below." : "Done.";
}

/** Rewrites the message that carried the button, for everyone; a failure only costs the others' view. */
async function updateForEveryone(turn: TeamsTurn, deps: TeamsHandlerDeps, card: AdaptiveCard): Promise<void> {
  const messageId = turn.activity.replyToId;
  if (!messageId) return;
  try {
    await turn.update(messageId, cardActivity(card));
  } catch (error) {
    deps.logger.warn({ err: error, messageId }, "could not update the card for everyone; the clicker still sees it");
  }
}

function noticeText(reply: Reply): string {
  return plain(reply.usage ? `${reply.headline} Try: ${reply.usage}` : reply.headline, 500);
}

/**
 * The inputs of a submit (Teams merges them into the button's data), without the button's own keys:
 * strings trimmed, a number box's number kept; the core's validateForm decides what each one means
 * (a toggle's "true"/"false", a multi-select's "mon,wed").
 */
export function formValues(data: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if ((FORM_DATA_KEYS as readonly string[]).includes(name)) continue;
    if (typeof value === "number" && Number.isFinite(value)) values[name] = value;
    else if (typeof value === "string") values[name] = value.trim();
  }
  return values;
}

/** The values as the form's prefilled strings, to draw it again as it was typed. */
function stringsOf(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
}

function isActionId(verb: string): verb is ActionId {
  return (ACTION_IDS as readonly string[]).includes(verb);
}
