// Requests as Slack sends them: form-encoded slash commands, `payload=` JSON for interactions, JSON
// for the Events API, each signed with `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`. Shapes follow
// Slack's documented payloads. Also the bot's HTTP server started on routes, and the two helpers
// bench/ needs (sendSlashCommand, sendButtonClick).
import { createHmac } from "node:crypto";
import { Agent, request } from "node:http";
import type { Route } from "../../src/http/route.ts";
import { createHttpServer, listen } from "../../src/http/server.ts";

export type Json = Record<string, unknown>;

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` keyed with the signing secret. */
export function signSlackRequest(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

// --- payloads ---

export interface Workspace {
  teamId: string;
  teamDomain?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

export interface SlashCommandFields extends Workspace {
  command: string;
  text?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  triggerId?: string;
  responseUrl: string;
}

let triggerCounter = 0;
/** Trigger ids look like Slack's: `{number}.{number}.{hex}`, and differ on every call. */
export function newTriggerId(): string {
  triggerCounter += 1;
  return `${1_000_000 + triggerCounter}.47445629121.${triggerCounter.toString(16).padStart(32, "0")}`;
}

/** The form body of a slash command, in the field order Slack uses. */
export function slashCommandBody(f: SlashCommandFields): string {
  const fields: [string, string][] = [
    ["token", "verification-token-unused"],
    ["team_id", f.teamId],
    ["team_domain", f.teamDomain ?? "clinic"],
    ...(f.enterpriseId
      ? ([
          ["enterprise_id", f.enterpriseId],
          ["enterprise_name", "Health Org"],
        ] as [string, string][])
      : []),
    ["channel_id", f.channelId ?? "C0CLINIC"],
    ["channel_name", f.channelName ?? "referrals"],
    ["user_id", f.userId ?? "U0ANA"],
    ["user_name", f.userName ?? "ana.lopez"],
    ["command", f.command],
    ["text", f.text ?? ""],
    ["api_app_id", "A0FAKE"],
    ["is_enterprise_install", f.isEnterpriseInstall ? "true" : "false"],
    ["response_url", f.responseUrl],
    ["trigger_id", f.triggerId ?? newTriggerId()],
  ];
  return new URLSearchParams(fields).toString();
}

export interface ButtonClickFields extends Workspace {
  actionId: string;
  value: string;
  userId?: string;
  userName?: string;
  responseUrl: string;
  triggerId?: string;
  blockId?: string;
  /** A message in a channel (default), an ephemeral message, or the Home tab. */
  container?:
    | { type: "message"; channelId: string; messageTs: string; ephemeral?: boolean }
    | { type: "view"; viewId: string; viewHash: string };
}

function teamOf(w: Workspace) {
  return {
    id: w.teamId,
    domain: w.teamDomain ?? "clinic",
    ...(w.enterpriseId ? { enterprise_id: w.enterpriseId } : {}),
  };
}

function enterpriseOf(w: Workspace) {
  return w.enterpriseId ? { id: w.enterpriseId, name: "Health Org" } : null;
}

/** A block_actions payload for one button, shaped like Slack's documented example. */
export function blockActionsPayload(f: ButtonClickFields): Json {
  const container = f.container ?? { type: "message", channelId: "C0CLINIC", messageTs: "1700000001.000100" };
  const userId = f.userId ?? "U0ANA";
  const action = {
    type: "button",
    action_id: f.actionId,
    block_id: f.blockId ?? "b1",
    text: { type: "plain_text", text: "Done", emoji: true },
    value: f.value,
    action_ts: `${nowSeconds()}.000200`,
  };
  const base = {
    type: "block_actions",
    user: { id: userId, username: f.userName ?? "ana.lopez", name: f.userName ?? "ana.lopez", team_id: f.teamId },
    api_app_id: "A0FAKE",
    token: "verification-token-unused",
    trigger_id: f.triggerId ?? newTriggerId(),
    team: teamOf(f),
    enterprise: enterpriseOf(f),
    is_enterprise_install: f.isEnterpriseInstall ?? false,
    actions: [action],
  };
  if (container.type === "view") {
    return {
      ...base,
      container: { type: "view", view_id: container.viewId },
      view: {
        id: container.viewId,
        team_id: f.teamId,
        type: "home",
        blocks: [],
        private_metadata: "",
        callback_id: "",
        state: { values: {} },
        hash: container.viewHash,
        title: { type: "plain_text", text: "View Title" },
        clear_on_close: false,
        notify_on_close: false,
        close: null,
        submit: null,
        previous_view_id: null,
        root_view_id: container.viewId,
        app_id: "A0FAKE",
        external_id: "",
        app_installed_team_id: f.teamId,
        bot_id: "BBOT",
      },
    };
  }
  return {
    ...base,
    container: {
      type: "message",
      message_ts: container.messageTs,
      channel_id: container.channelId,
      is_ephemeral: container.ephemeral ?? false,
    },
    channel: { id: container.channelId, name: "referrals" },
    ...(container.ephemeral
      ? {}
      : { message: { type: "message", ts: container.messageTs, text: "Digest", user: "UBOT" } }),
    response_url: f.responseUrl,
  };
}

export interface ViewSubmissionFields extends Workspace {
  callbackId: string;
  privateMetadata: string;
  /** state.values as Slack sends them: block_id → action_id → value. */
  values: Record<string, Record<string, Json>>;
  userId?: string;
  userName?: string;
  viewId?: string;
  viewHash?: string;
}

export function viewSubmissionPayload(f: ViewSubmissionFields): Json {
  const viewId = f.viewId ?? "V0FORM";
  return {
    type: "view_submission",
    team: teamOf(f),
    user: {
      id: f.userId ?? "U0ANA",
      username: f.userName ?? "ana.lopez",
      name: f.userName ?? "ana.lopez",
      team_id: f.teamId,
    },
    api_app_id: "A0FAKE",
    token: "verification-token-unused",
    trigger_id: newTriggerId(),
    view: {
      id: viewId,
      team_id: f.teamId,
      type: "modal",
      blocks: [],
      private_metadata: f.privateMetadata,
      callback_id: f.callbackId,
      state: { values: f.values },
      hash: f.viewHash ?? "1700000000.abcdef",
      title: { type: "plain_text", text: "Form" },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: "plain_text", text: "Cancel" },
      submit: { type: "plain_text", text: "Save" },
      previous_view_id: null,
      root_view_id: viewId,
      app_id: "A0FAKE",
      external_id: "",
      app_installed_team_id: f.teamId,
      bot_id: "BBOT",
    },
    response_urls: [],
    is_enterprise_install: f.isEnterpriseInstall ?? false,
    enterprise: enterpriseOf(f),
  };
}

/** A text input's state value. */
export const textValue = (value: string | null): Json => ({ type: "plain_text_input", value });
/** A static select's state value. */
export const selectValue = (value: string | null): Json => ({
  type: "static_select",
  selected_option: value ? { text: { type: "plain_text", text: value }, value } : null,
});
/** A checkbox group's state value. */
export const checkboxValue = (checked: string[]): Json => ({
  type: "checkboxes",
  selected_options: checked.map((value) => ({ text: { type: "plain_text", text: value }, value })),
});

export function appHomeOpenedEvent(f: Workspace & { userId?: string; channelId?: string; eventId?: string }): Json {
  const userId = f.userId ?? "U0ANA";
  return {
    token: "verification-token-unused",
    team_id: f.teamId,
    ...(f.enterpriseId ? { enterprise_id: f.enterpriseId } : {}),
    api_app_id: "A0FAKE",
    event: {
      type: "app_home_opened",
      user: userId,
      channel: f.channelId ?? "D0ANA",
      tab: "home",
      event_ts: `${nowSeconds()}.000300`,
    },
    type: "event_callback",
    event_id: f.eventId ?? `Ev${Date.now().toString(36).toUpperCase()}`,
    event_time: nowSeconds(),
    authorizations: [
      {
        enterprise_id: f.enterpriseId ?? null,
        team_id: f.teamId,
        user_id: "UBOT",
        is_bot: true,
        is_enterprise_install: f.isEnterpriseInstall ?? false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** `payload=` + the JSON, as Slack posts interactions. */
export function interactionBody(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

// --- sending ---

export interface SignOptions {
  signingSecret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Override the signature; null sends none at all. */
  signature?: string | null;
  headers?: Record<string, string>;
}

export interface SlackHttpResult {
  status: number;
  body: string;
  /** Round trip in milliseconds. */
  ms: number;
}

// Keep-alive like Slack's own senders, and so a benchmark measures the bot, not TCP handshakes.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function postRaw(url: string, body: string, headers: Record<string, string>): Promise<SlackHttpResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export function postSigned(
  url: string,
  body: string,
  contentType: string,
  opts: SignOptions,
): Promise<SlackHttpResult> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const signature =
    opts.signature === undefined ? signSlackRequest(opts.signingSecret, timestamp, body) : opts.signature;
  return postRaw(url, body, {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    ...(signature === null ? {} : { "x-slack-signature": signature }),
    ...opts.headers,
  });
}

const FORM = "application/x-www-form-urlencoded";

/** POSTs a signed slash command to the bot's events endpoint. */
export function sendSlashCommand(url: string, fields: SlashCommandFields, opts: SignOptions): Promise<SlackHttpResult> {
  return postSigned(url, slashCommandBody(fields), FORM, opts);
}

/** POSTs a signed button click (block_actions) to the bot's events endpoint. */
export function sendButtonClick(url: string, fields: ButtonClickFields, opts: SignOptions): Promise<SlackHttpResult> {
  return postSigned(url, interactionBody(blockActionsPayload(fields)), FORM, opts);
}

export function sendViewSubmission(
  url: string,
  fields: ViewSubmissionFields,
  opts: SignOptions,
): Promise<SlackHttpResult> {
  return postSigned(url, interactionBody(viewSubmissionPayload(fields)), FORM, opts);
}

/** POSTs a signed Events API delivery; `retryNum` sets X-Slack-Retry-Num as Slack does on a redelivery. */
export function sendEvent(
  url: string,
  event: Json,
  opts: SignOptions & { retryNum?: number },
): Promise<SlackHttpResult> {
  const retry: Record<string, string> = opts.retryNum
    ? { "x-slack-retry-num": String(opts.retryNum), "x-slack-retry-reason": "http_timeout" }
    : {};
  return postSigned(url, JSON.stringify(event), "application/json", {
    ...opts,
    headers: { ...retry, ...opts.headers },
  });
}

// --- the bot's HTTP server for Route[] ---

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

/** Mounts routes on the bot's own HTTP server (src/http/server.ts) on a free loopback port. */
export async function startRouteServer(routes: Route[]): Promise<RouteServer> {
  const server = createHttpServer(routes);
  const port = await listen(server, 0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
