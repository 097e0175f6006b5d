// POST /api/messages on the shared node:http server. The Teams SDK's request handling is a plain
// function ({ body, headers } in, { status, body } out; see route-adapter.ts), so no web framework
// is needed. The body is size-limited and its basic shape checked here, so garbage gets a 400
// before it reaches the SDK (which would answer it with a 500).
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod/v4";
import { DOOR_LIMITS } from "../../core/chat/door-limits.ts";
import { type BodyProblem, readJsonBody } from "../../http/read-json-body.ts";
import type { Route } from "../../http/route.ts";
import type { Logger } from "../../logging/logger.ts";
import type { TeamsMode } from "./chat-context.ts";

export const TEAMS_MESSAGES_PATH = "/api/messages";
/** Teams messages are capped near 28 KB; a big team's conversationUpdate can list many members. */
export const MAX_BODY_BYTES = 512 * 1024;

const ZId = z.string().min(1).max(DOOR_LIMITS.id);
/** An id a client may also send empty (the Playground's tenant, for one): bounded, not required. */
const ZOptionalId = z.string().max(DOOR_LIMITS.id).nullish();
const ZName = z.string().max(DOOR_LIMITS.name);

/**
 * The least an activity needs for the bot to answer it, and a bound on every id, name and text the
 * bot reads from it (chat-context.ts): an oversized one is refused here, never stored. The rest
 * passes through untouched.
 */
export const ZIncomingActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(1024).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({
    id: z.string().min(1).max(DOOR_LIMITS.conversationId),
    tenantId: ZOptionalId,
    name: ZName.nullish(),
  }),
  from: z.looseObject({ id: ZId, name: ZName.nullish(), aadObjectId: ZOptionalId }).optional(),
  recipient: z.looseObject({ id: ZId, name: ZName.nullish() }).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: ZOptionalId }).nullish(),
      team: z.looseObject({ id: ZOptionalId, name: ZName.nullish() }).nullish(),
      channel: z.looseObject({ id: ZOptionalId }).nullish(),
    })
    .nullish(),
  text: z.string().max(DOOR_LIMITS.text).nullish(),
  replyToId: z.string().max(1024).optional(),
});

export interface ActivityRequest {
  body: Record<string, unknown>;
  headers: Record<string, string | string[]>;
}

/** What the Teams SDK answers an activity with: a status, and an invoke's body. */
export interface ActivityAnswer {
  status: number;
  body?: unknown;
}

export type ProcessActivity = (req: ActivityRequest) => Promise<ActivityAnswer>;

/** The Bot Framework sends JSON, sometimes as a `+json` type; a missing Content-Type is read as JSON too. */
function isBotFrameworkJson(header: string | undefined): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(header ?? "application/json");
}

const BODY_REFUSAL: Record<BodyProblem, string> = {
  content_type: "expected application/json",
  too_large: "body too large",
  not_json: "invalid JSON",
};

export function createMessagesRoute(opts: {
  process: ProcessActivity;
  logger: Logger;
  mode: TeamsMode;
  /** Where replies may go: the Bot Framework's hosts, or this machine in local mode. Others get 403. */
  acceptServiceUrl: (serviceUrl: string) => boolean;
}): Route & {
  /** Stops taking requests and waits for the ones in flight. */
  drain(): Promise<void>;
} {
  const inFlight = new Set<Promise<void>>();
  let draining = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (draining) return plainAnswer(res, 503, "shutting down");
    const body = await readJsonBody(req, MAX_BODY_BYTES, isBotFrameworkJson);
    if (!body.ok) return plainAnswer(res, body.status, BODY_REFUSAL[body.problem]);
    const activity = ZIncomingActivity.safeParse(body.value);
    if (!activity.success) return plainAnswer(res, 400, "not a Bot Framework activity");
    // Checked before the token, too: a refused serviceUrl is never contacted, not even to answer.
    if (!opts.acceptServiceUrl(activity.data.serviceUrl)) {
      opts.logger.warn(
        { serviceUrl: activity.data.serviceUrl.slice(0, 200), mode: opts.mode },
        opts.mode === "local"
          ? "refused a Teams activity whose serviceUrl is not on this machine"
          : "refused a Teams activity whose serviceUrl is not a Bot Framework host",
      );
      return plainAnswer(res, 403, "serviceUrl not allowed");
    }

    const answer = await opts.process({ body: activity.data, headers: headersOf(req) });
    writeAnswer(res, answer);
  }

  return {
    method: "POST",
    path: TEAMS_MESSAGES_PATH,
    handle(req, res) {
      const work = handle(req, res).catch((error: unknown) => {
        opts.logger.error({ err: error }, "Teams request failed");
        if (!res.headersSent) plainAnswer(res, 500, "internal error");
        else if (!res.writableEnded) res.end();
      });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
      return work;
    },
    async drain() {
      draining = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}

function headersOf(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = value;
  return headers;
}

function writeAnswer(res: ServerResponse, answer: ActivityAnswer): void {
  res.statusCode = answer.status;
  if (answer.body === undefined || answer.body === null) {
    res.end();
  } else if (typeof answer.body === "string") {
    res.setHeader("content-type", "text/plain; charset=utf-8");
    res.end(answer.body);
  } else {
    res.setHeader("content-type", "application/json; charset=utf-8");
    res.end(JSON.stringify(answer.body));
  }
}

function plainAnswer(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "text/plain; charset=utf-8");
  res.end(message);
}
