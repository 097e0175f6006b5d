// The JSON door: POST /api/referrals hands one referral or an array of them to the core's
// receiveReferrals, for the practice whose token it carries; GET /api/openapi.json describes it.
// Closed by default: without a valid token nothing is read. Bad input is answered (400, 413, 415, or a
// rejected item) and never reaches the logs: only counts and ids are logged, never a body.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  MAX_ITEMS_PER_REQUEST,
  type ReceiveReferralsPorts,
  receiveReferrals,
} from "../../core/intake/receive-referrals.ts";
import type { Actor } from "../../core/model.ts";
import type { ApiTokenStore, Clock } from "../../core/ports.ts";
import type { Route } from "../../http/route.ts";
import type { Logger } from "../../logging/logger.ts";
import { MAX_BODY_BYTES, openApiDocument } from "./openapi.ts";

/** What to send instead, for a body the door cannot read. */
const BODY_REFUSAL: Record<BodyProblem, string> = {
  content_type: "Send the referrals as JSON (Content-Type: application/json).",
  too_large: `The body is over ${MAX_BODY_BYTES} bytes: send fewer referrals per request.`,
  not_json: "The body is not valid JSON.",
};

import { type BodyProblem, readJsonBody } from "../../http/read-json-body.ts";
import { TokenRateLimiter } from "./rate-limit.ts";
import { admitByToken, gateRefusalBody } from "./token-gate.ts";

export interface IntakeDoorDeps {
  apiTokens: Pick<ApiTokenStore, "findActive">;
  ports: ReceiveReferralsPorts;
  clock: Clock;
  version: string;
  logger?: Logger;
  rateLimiter?: TokenRateLimiter;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, error: string, message: string, headers = {}) {
  send(res, status, { error, message }, headers);
}

export function intakeRoutes(deps: IntakeDoorDeps): Route[] {
  const limiter = deps.rateLimiter ?? new TokenRateLimiter();
  const log = deps.logger?.child({ part: "intake-api" });
  const description = JSON.stringify(openApiDocument(deps.version));

  async function receive(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const gate = await admitByToken(deps.apiTokens, limiter, req);
    if (!gate.ok) {
      send(res, gate.refusal.status, gateRefusalBody(gate.refusal), gate.refusal.headers);
      return;
    }
    const { grant } = gate;
    const body = await readJsonBody(req, MAX_BODY_BYTES);
    if (!body.ok) {
      const error = { 400: "bad_request", 413: "too_large", 415: "unsupported_media_type" }[body.status];
      // A body left unread is not worth reading: the connection closes after the answer.
      refuse(res, body.status, error, BODY_REFUSAL[body.problem], body.status === 400 ? {} : { connection: "close" });
      return;
    }
    const value = body.value;
    const items = Array.isArray(value) ? value : [value];
    if (items.length > MAX_ITEMS_PER_REQUEST) {
      refuse(
        res,
        400,
        "too_many",
        `Up to ${MAX_ITEMS_PER_REQUEST} referrals per request; this one has ${items.length}.`,
      );
      return;
    }
    if (value === null || typeof value !== "object") {
      refuse(res, 400, "bad_request", "Send one referral (an object) or an array of them.");
      return;
    }
    const actor: Actor = {
      practiceId: grant.practiceId,
      memberId: null,
      name: `api:${grant.label}`,
      channel: "import",
      role: null,
    };
    const result = await receiveReferrals(
      deps.ports,
      actor,
      { id: grant.practiceId, timeZone: grant.timeZone },
      items,
      { sourceSystem: grant.sourceSystem, now: deps.clock.now() },
    );
    log?.info(
      {
        practiceId: grant.practiceId,
        tokenId: grant.id,
        counts: result.counts,
        ms: Math.round(performance.now() - started),
      },
      "referrals received",
    );
    send(res, 200, result);
  }

  return [
    {
      method: "POST",
      path: "/api/referrals",
      async handle(req, res) {
        try {
          await receive(req, res);
        } catch (error) {
          // Only what kind of failure, never its message: a database error may quote what was sent.
          const e = error as { name?: string; code?: string };
          log?.error({ errorName: e?.name, errorCode: e?.code }, "receiving referrals failed");
          if (!res.headersSent) refuse(res, 503, "unavailable", "The referrals could not be saved; send them again.");
          else res.end();
        }
      },
    },
    {
      method: "GET",
      path: "/api/openapi.json",
      handle(_req, res) {
        res.writeHead(200, { "content-type": "application/json" }).end(description);
      },
    },
  ];
}
