// The first look at a request to POST /slack/events, before Bolt sees it. Bolt checks the signature
// but only refuses timestamps from the past, and a signed body it cannot read (`payload=null`) made
// it throw where nothing caught it. So here: the signature and a timestamp within 5 minutes either
// way (401), then the body's shape and the size of every id and name in it (400). Bolt re-reads the
// buffered body (req.rawBody) and checks the signature again; the work stays in the listeners.
import type { IncomingMessage } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { isValidSlackRequest } from "@slack/bolt";
import { z } from "zod/v4";
import { DOOR_LIMITS } from "../../core/chat/door-limits.ts";

/** Slack's own replay window: "more than five minutes from local time". */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;
/** A view_submission with a full 100-block view is well under this. */
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;

export type SlackDoorVerdict = { ok: true } | { ok: false; status: 400 | 401 | 413; reason: string };

const ZId = z.string().min(1).max(DOOR_LIMITS.id);
const ZName = z.string().max(DOOR_LIMITS.name);
/** A field Slack sends in several shapes (a string id in some events, an object in others). */
const ZBoundedIfString = z
  .unknown()
  .refine((v) => typeof v !== "string" || v.length <= DOOR_LIMITS.id)
  .optional();

/** A slash command's form fields: every one the listener reads, bounded. */
export const ZSlashCommandBody = z.looseObject({
  command: z.string().min(2).max(64),
  team_id: ZId,
  user_id: ZId,
  channel_id: ZId,
  trigger_id: ZId,
  response_url: z.url({ protocol: /^https?$/ }).max(2048),
  text: z.string().max(DOOR_LIMITS.text).optional(),
  user_name: ZName.optional(),
  team_domain: ZName.optional(),
  enterprise_id: ZId.optional(),
});

/** An interactive payload (button click, form submission): an object with a type and a user. */
export const ZInteractivePayload = z
  .looseObject({
    type: z.string().min(1).max(64),
    user: z.looseObject({ id: ZId, name: ZName.optional(), username: ZName.optional(), team_id: ZId.optional() }),
    team: z.looseObject({ id: ZId, domain: ZName.optional() }).nullable().optional(),
    enterprise: z.looseObject({ id: ZId, name: ZName.optional() }).nullable().optional(),
    channel: z.looseObject({ id: ZId }).nullable().optional(),
    trigger_id: ZId.optional(),
    actions: z.array(z.looseObject({ action_id: z.string().max(255) })).optional(),
    view: z.looseObject({ id: ZId, callback_id: z.string().max(255) }).optional(),
  })
  // What Bolt matches listeners on must be there: a click's actions, a form's view.
  .refine((p) => p.type !== "block_actions" || (p.actions?.length ?? 0) > 0, "a click without actions")
  .refine((p) => !p.type.startsWith("view_") || p.view !== undefined, "a form without its view");

/** An Events API delivery (or Slack's url_verification handshake). */
export const ZEventsBody = z.looseObject({
  type: z.string().min(1).max(64),
  team_id: ZId.optional(),
  enterprise_id: ZId.nullable().optional(),
  api_app_id: ZId.optional(),
  event: z
    .looseObject({ type: z.string().min(1).max(64), user: ZBoundedIfString, channel: ZBoundedIfString })
    .optional(),
});

function refuse(status: 400 | 401 | 413, reason: string): SlackDoorVerdict {
  return { ok: false, status, reason };
}

async function bufferBody(req: IncomingMessage & { rawBody?: Buffer }): Promise<Buffer | null> {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SLACK_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  req.rawBody = Buffer.concat(chunks);
  return req.rawBody;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const INTERACTIVE_TYPES = new Set([
  "block_actions",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
  "block_suggestion",
]);

/**
 * The same shape check on the body Bolt parsed, for the listener glue: Socket Mode payloads never
 * pass the HTTP door, so a Bolt middleware runs this on every body before any listener sees it.
 */
export function isReadableSlackBody(body: unknown): boolean {
  if (!body || typeof body !== "object" || Array.isArray(body)) return false;
  const record = body as Record<string, unknown>;
  if ("command" in record) return ZSlashCommandBody.safeParse(record).success;
  if (typeof record["type"] === "string" && INTERACTIVE_TYPES.has(record["type"])) {
    return ZInteractivePayload.safeParse(record).success;
  }
  return ZEventsBody.safeParse(record).success;
}

/** Is the signed body one the listeners can read? (Checked after the signature: strangers learn nothing.) */
export function checkSlackBody(contentType: string, text: string): SlackDoorVerdict {
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    const form = parseQuery(text);
    if (form["payload"] !== undefined) {
      if (typeof form["payload"] !== "string") return refuse(400, "one payload expected");
      const payload = parseJson(form["payload"]);
      if (!payload.ok) return refuse(400, "payload is not JSON");
      return ZInteractivePayload.safeParse(payload.value).success ? { ok: true } : refuse(400, "unreadable payload");
    }
    return ZSlashCommandBody.safeParse(form).success ? { ok: true } : refuse(400, "unreadable slash command");
  }
  const body = parseJson(text);
  if (!body.ok) return refuse(400, "body is not JSON");
  return ZEventsBody.safeParse(body.value).success ? { ok: true } : refuse(400, "unreadable event");
}

export async function checkSlackRequest(
  req: IncomingMessage,
  signingSecret: string,
  nowMs: number = Date.now(),
): Promise<SlackDoorVerdict> {
  const body = await bufferBody(req);
  if (!body) return refuse(413, "body too large");
  const text = body.toString("utf8");
  const contentType = header(req, "content-type") ?? "";
  // Slack's SSL check carries no signature; Bolt answers it and drops anything else in the body.
  if (contentType.startsWith("application/x-www-form-urlencoded") && parseQuery(text)["ssl_check"] === "1") {
    return { ok: true };
  }

  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  const signature = header(req, "x-slack-signature");
  if (!Number.isInteger(timestamp) || !signature) return refuse(401, "unsigned request");
  if (Math.abs(nowMs / 1000 - timestamp) > SLACK_TIMESTAMP_WINDOW_SECONDS)
    return refuse(401, "stale or future timestamp");
  const valid = isValidSlackRequest({
    signingSecret,
    body: text,
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
    nowMilliseconds: nowMs,
  });
  if (!valid) return refuse(401, "bad signature");
  return checkSlackBody(contentType, text);
}
