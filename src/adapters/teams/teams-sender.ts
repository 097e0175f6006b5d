// Proactive sends (digests) with the Teams SDK: a new post in a stored conversation, through the
// connector at the reference's own serviceUrl (Teams has one per region), with the app's token.
import type { App } from "@microsoft/teams.apps";
import { connectorCall } from "./delivery/connector-error.ts";
import type { SendCard } from "./delivery/teams-delivery.ts";
import { cardActivity } from "./render/card-activity.ts";

type SdkActivityParams = Parameters<App["api"]["conversations"]["createActivity"]>[1];

export function createProactiveSender(app: App): SendCard {
  return async (reference, card, summary) => {
    const api = app.api.clone({ serviceUrl: reference.serviceUrl.replace(/\/+$/, "") });
    // A digest is a new post, not a reply: no replyToId, the stored (id-less) conversation.
    const activity = {
      ...cardActivity(card, summary),
      from: reference.bot,
      ...(reference.user ? { recipient: reference.user } : {}),
      conversation: reference.conversation,
      channelId: reference.channelId,
      serviceUrl: reference.serviceUrl,
      ...(reference.locale ? { locale: reference.locale } : {}),
    } as unknown as SdkActivityParams;
    await connectorCall(() => api.conversations.createActivity(reference.conversation.id, activity));
  };
}
