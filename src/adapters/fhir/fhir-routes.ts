// The FHIR R4 door under /fhir: POST /fhir/ServiceRequest, PUT /fhir/ServiceRequest/{id}, POST and PUT
// /fhir/Task, POST /fhir with a batch or transaction Bundle, GET /fhir/metadata. The same tokens, body
// limit and rate limit as the JSON door; every refusal is an OperationOutcome (401, 413, 415, 429, 400,
// 422), never a 500 for bad input. Only counts and ids are logged, never a resource.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bundle, Resource } from "@medplum/fhirtypes";
import type { ReceiveReferralsPorts } from "../../core/intake/receive-referrals.ts";
import type { ApiTokenGrant, ApiTokenStore, Clock } from "../../core/ports.ts";
import { readJsonBody } from "../../http/read-json-body.ts";
import type { Route } from "../../http/route.ts";
import type { Logger } from "../../logging/logger.ts";
import { MAX_BODY_BYTES } from "../api/openapi.ts";
import { TokenRateLimiter } from "../api/rate-limit.ts";
import { admitByToken } from "../api/token-gate.ts";
import { readBundle, refusedTransactionOf, responseBundleOf, storedNote } from "./bundle.ts";
import { capabilityStatement } from "./capability-statement.ts";
import { type FhirIssue, information, operationOutcome, problem, refusalStatus } from "./operation-outcome.ts";
import { type EntryOutcome, type IncomingEntry, receiveFhir } from "./receive-fhir.ts";

export interface FhirDoorDeps {
  apiTokens: Pick<ApiTokenStore, "findActive">;
  ports: ReceiveReferralsPorts;
  clock: Clock;
  version: string;
  logger?: Logger;
  /** Shared with the JSON door, so a token's allowance counts both. */
  rateLimiter?: TokenRateLimiter;
}

const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** application/fhir+json, or plain application/json, which FHIR clients also send. */
export function isFhirJsonContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/fhir+json" || type === "application/json";
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

interface Answer {
  status: number;
  body: Resource;
  headers?: Record<string, string>;
}

const refusal = (status: number, issues: FhirIssue[], headers?: Record<string, string>): Answer => ({
  status,
  body: operationOutcome(issues),
  ...(headers ? { headers } : {}),
});

function send(res: ServerResponse, answer: Answer) {
  res.writeHead(answer.status, { "content-type": FHIR_JSON, ...answer.headers }).end(JSON.stringify(answer.body));
}

const countsOf = (outcomes: readonly EntryOutcome[]) => {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.kind === "stored" ? o.result : o.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

export function fhirRoutes(deps: FhirDoorDeps): Route[] {
  const limiter = deps.rateLimiter ?? new TokenRateLimiter();
  const log = deps.logger?.child({ part: "fhir" });

  /** Token, rate, body: then the handler. */
  async function accept(
    req: IncomingMessage,
    res: ServerResponse,
    handle: (body: unknown, grant: ApiTokenGrant) => Promise<Answer & { counts?: Record<string, number> }>,
  ) {
    const started = performance.now();
    const gate = await admitByToken(deps.apiTokens, limiter, req);
    if (!gate.ok) {
      const { status, message, headers } = gate.refusal;
      send(res, refusal(status, [problem(status === 401 ? "login" : "throttled", message)], headers));
      return;
    }
    const { grant } = gate;
    const body = await readJsonBody(req, MAX_BODY_BYTES, isFhirJsonContentType);
    if (!body.ok) {
      const answers = {
        content_type: refusal(415, [problem("not-supported", "Send FHIR JSON (Content-Type: application/fhir+json)")]),
        too_large: refusal(413, [
          problem("too-costly", `The body is over ${MAX_BODY_BYTES} bytes: send smaller Bundles`),
        ]),
        not_json: refusal(400, [problem("structure", "The body is not valid JSON")]),
      };
      const answer = answers[body.problem];
      // A body left unread is not worth reading: the connection closes after the answer.
      send(res, body.status === 400 ? answer : { ...answer, headers: { connection: "close" } });
      return;
    }
    const answer = await handle(body.value, grant);
    log?.info(
      {
        practiceId: grant.practiceId,
        tokenId: grant.id,
        status: answer.status,
        counts: answer.counts,
        ms: Math.round(performance.now() - started),
      },
      "fhir request",
    );
    send(res, answer);
  }

  /** One ServiceRequest or Task, created or (with the id in the URL) updated. */
  async function single(body: unknown, grant: ApiTokenGrant, type: "ServiceRequest" | "Task", urlId?: string) {
    const wrong = shapeProblem(body, type);
    if (wrong) return refusal(400, [wrong]);
    const sent = body as Resource;
    if (urlId && sent.id && sent.id !== urlId) {
      return refusal(400, [problem("invalid", "The resource's id differs from the id in the URL", `${type}.id`)]);
    }
    const resource = urlId ? { ...sent, id: urlId } : sent;
    const entry: IncomingEntry = { located: { resource, path: type }, ...(urlId ? { urlId } : {}) };
    const { outcomes } = await receiveFhir({ ports: deps.ports }, grant, [entry], {
      atomic: true,
      now: deps.clock.now(),
    });
    const outcome = outcomes[0]!;
    const counts = countsOf(outcomes);
    if (outcome.kind === "refused") return { ...refusal(refusalStatus(outcome.issues), outcome.issues), counts };
    if (outcome.kind === "read") return { status: 200, body: operationOutcome([information(outcome.note)]), counts };
    const created = outcome.result === "created";
    return {
      status: created ? 201 : 200,
      body: operationOutcome([information(storedNote(outcome))]),
      ...(type === "ServiceRequest" && FHIR_ID.test(outcome.sourceId)
        ? { headers: { location: `ServiceRequest/${outcome.sourceId}` } }
        : {}),
      counts,
    };
  }

  async function bundle(body: unknown, grant: ApiTokenGrant) {
    const wrong = shapeProblem(body, "Bundle");
    if (wrong) return refusal(400, [wrong]);
    const read = readBundle(body as Bundle);
    if (!read.ok) return refusal(refusalStatus(read.issues), read.issues);
    const atomic = read.type === "transaction";
    const { outcomes } = await receiveFhir({ ports: deps.ports }, grant, read.entries, {
      atomic,
      now: deps.clock.now(),
    });
    const counts = countsOf(outcomes);
    if (atomic && outcomes.some((o) => o.kind === "refused")) {
      const issues = outcomes.flatMap((o) => (o.kind === "refused" ? o.issues : []));
      return { status: refusalStatus(issues), body: refusedTransactionOf(outcomes), counts };
    }
    return { status: 200, body: responseBundleOf(read.type, outcomes), counts };
  }

  /** Catches what the handler throws: a database error answers 503, and never with its message. */
  const guarded =
    (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      try {
        await handler(req, res);
      } catch (error) {
        const e = error as { name?: string; code?: string };
        log?.error({ errorName: e?.name, errorCode: e?.code }, "fhir request failed");
        if (!res.headersSent) send(res, refusal(503, [problem("transient", "Not saved; send it again")]));
        else res.end();
      }
    };

  const withId = (type: "ServiceRequest" | "Task") =>
    guarded(async (req, res) => {
      const raw = pathOf(req).slice(`/fhir/${type}/`.length);
      let id = raw;
      try {
        id = decodeURIComponent(raw);
      } catch {
        // Not percent-encoded text: refused below as not an id.
      }
      if (!FHIR_ID.test(id)) {
        req.resume();
        send(res, refusal(400, [problem("invalid", "Not a FHIR id (1-64 letters, digits, - and .)", `${type}.id`)]));
        return;
      }
      await accept(req, res, (body, grant) => single(body, grant, type, id));
    });

  const metadata = (res: ServerResponse) =>
    send(res, { status: 200, body: capabilityStatement(deps.version, deps.clock.now().toISOString().slice(0, 10)) });
  const notHere = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    send(res, refusal(404, [problem("not-supported", "Not served here: see GET /fhir/metadata")]));
  };

  return [
    { method: "GET", path: "/fhir/metadata", handle: (_req, res) => metadata(res) },
    {
      method: "POST",
      path: "/fhir/ServiceRequest",
      handle: guarded((req, res) => accept(req, res, (body, grant) => single(body, grant, "ServiceRequest"))),
    },
    { method: "PUT", path: "/fhir/ServiceRequest/*", handle: withId("ServiceRequest") },
    {
      method: "POST",
      path: "/fhir/Task",
      handle: guarded((req, res) => accept(req, res, (body, grant) => single(body, grant, "Task"))),
    },
    { method: "PUT", path: "/fhir/Task/*", handle: withId("Task") },
    { method: "POST", path: "/fhir", handle: guarded((req, res) => accept(req, res, bundle)) },
    { method: "POST", path: "/fhir/", handle: guarded((req, res) => accept(req, res, bundle)) },
    { method: "GET", path: "/fhir/*", handle: notHere },
    { method: "POST", path: "/fhir/*", handle: notHere },
    { method: "PUT", path: "/fhir/*", handle: notHere },
  ];
}

const pathOf = (req: IncomingMessage) => (req.url ?? "/").split("?")[0] ?? "/";

/** Not an object of the expected resource type: said before anything else is read. */
function shapeProblem(body: unknown, type: string): FhirIssue | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return problem("structure", `Send one ${type} resource (a JSON object)`);
  }
  const sent = (body as { resourceType?: unknown }).resourceType;
  if (sent === type) return null;
  const said = typeof sent === "string" ? `a ${sent.slice(0, 40)}` : "no resourceType";
  return problem("invalid", `Expected a ${type} here, got ${said}`, "resourceType");
}
