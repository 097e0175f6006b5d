// Real Bot Framework activities, posted over HTTP to the bot's /api/messages, shaped like the ones
// Teams sends. Used by the Teams tests and by bench/ to time a message and a button click.

export interface TeamsUser {
  id: string;
  aadObjectId?: string;
  name: string;
}

export interface TeamsConversation {
  id: string;
  conversationType: "personal" | "groupChat" | "channel";
  tenantId?: string;
}

export interface ActivityOptions {
  /** The fake connector's (or Playground's) URL: where the bot sends its replies. */
  serviceUrl: string;
  conversation?: TeamsConversation;
  from?: TeamsUser;
  /** Set `null` to leave the tenant out (as the Playground may). */
  tenantId?: string | null;
  /** Override any field of the activity. */
  extra?: Record<string, unknown>;
}

export interface PostResult {
  status: number;
  /** Parsed JSON when the bot answered JSON (invoke responses), else the text. */
  body: unknown;
}

export const BOT = { id: "28:referral-nudge-bot", name: "Referral Nudge" };
export const DEFAULT_TENANT = "tenant-a";
export const DEFAULT_USER: TeamsUser = { id: "29:user-ana", aadObjectId: "aad-ana", name: "Ana Ruiz" };

let sequence = 0;
function nextId(): string {
  sequence += 1;
  return `${Date.now()}${String(sequence).padStart(4, "0")}`;
}

export function personalChat(userId = DEFAULT_USER.id, tenantId = DEFAULT_TENANT): TeamsConversation {
  return { id: `a:personal-${userId}`, conversationType: "personal", tenantId };
}

export function channelConversation(name = "general", tenantId = DEFAULT_TENANT): TeamsConversation {
  return { id: `19:${name}@thread.tacv2`, conversationType: "channel", tenantId };
}

export function teamsActivity(type: string, opts: ActivityOptions): Record<string, unknown> {
  const tenantId = opts.tenantId === undefined ? (opts.conversation?.tenantId ?? DEFAULT_TENANT) : opts.tenantId;
  const conversation = { ...(opts.conversation ?? personalChat()) };
  if (tenantId === null) delete conversation.tenantId;
  else conversation.tenantId = tenantId;
  return {
    type,
    id: nextId(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: opts.serviceUrl,
    from: opts.from ?? DEFAULT_USER,
    recipient: BOT,
    conversation,
    channelData: tenantId === null ? {} : { tenant: { id: tenantId } },
    locale: "en-US",
    ...opts.extra,
  };
}

export function messageActivity(text: string, opts: ActivityOptions): Record<string, unknown> {
  return teamsActivity("message", { ...opts, extra: { text, textFormat: "plain", ...opts.extra } });
}

/** An Action.Execute click: `replyToId` is the id of the message that carries the card. */
export function cardActionActivity(
  action: { verb: string; data: Record<string, unknown>; replyToId: string },
  opts: ActivityOptions,
): Record<string, unknown> {
  return teamsActivity("invoke", {
    ...opts,
    extra: {
      name: "adaptiveCard/action",
      replyToId: action.replyToId,
      value: { action: { type: "Action.Execute", verb: action.verb, data: action.data }, trigger: "manual" },
      ...opts.extra,
    },
  });
}

export function botAddedActivity(opts: ActivityOptions): Record<string, unknown> {
  return teamsActivity("conversationUpdate", { ...opts, extra: { membersAdded: [BOT], ...opts.extra } });
}

export async function postActivity(
  botUrl: string,
  activity: Record<string, unknown> | string,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  const response = await fetch(botUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof activity === "string" ? activity : JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json") && text) body = JSON.parse(text);
  return { status: response.status, body };
}

/** Posts a message (e.g. "thanked Dr. Lee") and returns the bot's HTTP answer (the reply goes to the connector). */
export function postMessage(botUrl: string, text: string, opts: ActivityOptions): Promise<PostResult> {
  return postActivity(botUrl, messageActivity(text, opts));
}

/** Posts an Action.Execute click; the HTTP answer carries the invoke response (the refreshed card). */
export function postCardAction(
  botUrl: string,
  action: { verb: string; data: Record<string, unknown>; replyToId: string },
  opts: ActivityOptions,
): Promise<PostResult> {
  return postActivity(botUrl, cardActionActivity(action, opts));
}
