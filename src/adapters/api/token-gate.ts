// The door every intake route shares (JSON, FHIR, HL7 over HTTP): a practice's API token, then its rate.
// Nothing of the request is read before both hold; each door words the refusal in its own format.
import type { IncomingMessage } from "node:http";
import { bearerTokenOf, hashApiToken } from "../../core/intake/api-token.ts";
import type { ApiTokenGrant, ApiTokenStore } from "../../core/ports.ts";
import type { TokenRateLimiter } from "./rate-limit.ts";

export type GateRefusal =
  | { status: 401; message: string; headers: Record<string, string> }
  | { status: 429; message: string; headers: Record<string, string> };

export type GateResult = { ok: true; grant: ApiTokenGrant } | { ok: false; refusal: GateRefusal };

export async function admitByToken(
  tokens: Pick<ApiTokenStore, "findActive">,
  limiter: TokenRateLimiter,
  req: IncomingMessage,
): Promise<GateResult> {
  const token = bearerTokenOf(req.headers.authorization);
  const grant = token ? await tokens.findActive(hashApiToken(token)) : null;
  if (!grant) {
    req.resume();
    return {
      ok: false,
      refusal: {
        status: 401,
        message: "Send a valid API token: Authorization: Bearer <token>",
        headers: { "www-authenticate": 'Bearer realm="referral-nudge"' },
      },
    };
  }
  const rate = limiter.take(grant.id, grant.requestsPerMinute);
  if (!rate.allowed) {
    req.resume();
    return {
      ok: false,
      refusal: {
        status: 429,
        message: `Over ${grant.requestsPerMinute} requests a minute for this token`,
        headers: { "retry-after": String(rate.retryAfterSeconds) },
      },
    };
  }
  return { ok: true, grant };
}

/** The JSON doors' wording of a refusal: `{ error, message }` with the gate's headers. */
export function gateRefusalBody(refusal: GateRefusal): { error: string; message: string } {
  return { error: refusal.status === 401 ? "unauthorized" : "rate_limited", message: `${refusal.message}.` };
}
