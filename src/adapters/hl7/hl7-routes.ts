// POST /hl7: one HL7 v2 message (ER7) over HTTP, for engines that speak HTTP rather than MLLP. The same
// per-practice tokens as the JSON door open it (Authorization: Bearer …); the token, not MSH-4, chooses
// the practice. The answer is the message's ACK (200), in the content type it came in; 401, 413, 415
// and 429 are answered as the JSON door answers them, before the message is read.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiTokenStore } from "../../core/ports.ts";
import { readBodyWithin } from "../../http/read-json-body.ts";
import type { Route } from "../../http/route.ts";
import { TokenRateLimiter } from "../api/rate-limit.ts";
import { admitByToken, gateRefusalBody } from "../api/token-gate.ts";
import { type Hl7DoorDeps, receiveHl7Message } from "./receive-hl7-message.ts";

/** An HL7 message over 1 MB is no referral. */
export const MAX_HL7_BODY_BYTES = 1_000_000;

const HL7_TYPES = ["x-application/hl7-v2+er7", "application/hl7-v2", "text/plain"];

export interface Hl7HttpDeps extends Hl7DoorDeps {
  apiTokens: Pick<ApiTokenStore, "findActive">;
  rateLimiter?: TokenRateLimiter;
}

function refuse(res: ServerResponse, status: number, error: string, message: string, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify({ error, message }));
}

/** The body as text, or null when it is over the limit (the rest is not read). */
async function readText(req: IncomingMessage, limit: number): Promise<string | null> {
  const body = await readBodyWithin(req, limit);
  return body === null ? null : body.toString("utf8");
}

export function hl7Routes(deps: Hl7HttpDeps): Route[] {
  const limiter = deps.rateLimiter ?? new TokenRateLimiter();
  async function receive(req: IncomingMessage, res: ServerResponse) {
    const gate = await admitByToken(deps.apiTokens, limiter, req);
    if (!gate.ok) {
      const { error, message } = gateRefusalBody(gate.refusal);
      refuse(res, gate.refusal.status, error, message, gate.refusal.headers);
      return;
    }
    const { grant } = gate;
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (!HL7_TYPES.includes(type)) {
      req.resume();
      refuse(res, 415, "unsupported_media_type", `Send one HL7 v2 message as ${HL7_TYPES.join(", ")}.`, {
        connection: "close",
      });
      return;
    }
    const text = await readText(req, MAX_HL7_BODY_BYTES);
    if (text === null) {
      refuse(res, 413, "too_large", `The message is over ${MAX_HL7_BODY_BYTES} bytes.`, { connection: "close" });
      return;
    }
    const answer = await receiveHl7Message(deps, text, async () => ({
      practiceId: grant.practiceId,
      timeZone: grant.timeZone,
      sourceSystem: grant.sourceSystem,
      actorName: `api:${grant.label}`,
    }));
    res.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(answer.ack);
  }
  return [
    {
      method: "POST",
      path: "/hl7",
      async handle(req, res) {
        try {
          await receive(req, res);
        } catch (error) {
          const e = error as { name?: string; code?: string };
          deps.logger?.error({ part: "hl7", errorName: e?.name, errorCode: e?.code }, "receiving hl7 over http failed");
          if (!res.headersSent) refuse(res, 503, "unavailable", "The message could not be saved; send it again.");
          else res.end();
        }
      },
    },
  ];
}
