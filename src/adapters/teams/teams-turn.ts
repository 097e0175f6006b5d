// One Teams SDK turn as the handlers see it (TeamsTurn): the activity, answers posted as replies to
// it (as botbuilder's sendActivity did), and card rewrites. Connector failures come out as
// ConnectorError, so the retry layer and the handlers read one shape.
import type { IActivityContext } from "@microsoft/teams.apps";
import { connectorCall } from "./delivery/connector-error.ts";
import type { OutgoingActivity, TeamsActivity, TeamsTurn } from "./teams-activity.ts";

type SdkActivityParams = Parameters<IActivityContext["api"]["conversations"]["createActivity"]>[1];

export function teamsTurn(ctx: IActivityContext): TeamsTurn {
  const activity = ctx.activity as unknown as TeamsActivity;
  const conversations = ctx.api.conversations;
  const conversationId = activity.conversation.id;
  /** Who speaks and where, as the Bot Framework wants it on every outgoing activity. */
  const addressed = (outgoing: OutgoingActivity) =>
    ({
      ...outgoing,
      from: activity.recipient,
      recipient: activity.from,
      conversation: activity.conversation,
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      ...(activity.locale ? { locale: activity.locale } : {}),
    }) as unknown as SdkActivityParams;

  return {
    activity,
    async send(outgoing) {
      const replyTo = activity.id;
      await connectorCall(async () => {
        await (replyTo
          ? // The Bot Framework's ReplyToActivity (POST …/activities/{id}), as botbuilder sent answers: the
            // SDK's own reply() posts a new activity with a replyToId, which Teams threads differently.
            ctx.api.http.post(
              `${ctx.api.serviceUrl}/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(replyTo)}`,
              { ...addressed(outgoing), replyToId: replyTo },
            )
          : conversations.createActivity(conversationId, addressed(outgoing)));
      });
    },
    async update(messageId, outgoing) {
      await connectorCall(() =>
        conversations.updateActivity(conversationId, messageId, { ...addressed(outgoing), id: messageId }),
      );
    },
  };
}
