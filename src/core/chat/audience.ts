// Who reads a reply besides the person who asked: nobody (a Slack ephemeral reply, a Teams personal chat),
// or everyone in a shared conversation (a Teams group chat or channel). Private figures, such as what the
// practice spent on a referrer's gifts, are shown only when nobody else reads along.
import type { ChatContext } from "../chat-api.ts";

export interface Audience {
  shared: boolean;
}

export function audienceOf(ctx: Pick<ChatContext, "sharedConversation">): Audience {
  return { shared: ctx.sharedConversation === true };
}
