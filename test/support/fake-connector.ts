// A local Bot Framework connector: the `serviceUrl` of test activities points here, so the bot's
// replies, proactive messages and card updates travel over real HTTP, as they do to Teams.
// It records what it accepted and can be told to fail the next calls (429 with Retry-After, 412, 502…).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorCall {
  /** "send": POST …/activities (proactive, or a reply without a thread); "reply": POST …/activities/:id; "update": PUT. */
  kind: "send" | "reply" | "update";
  conversationId: string;
  /** The activity replied to (reply) or replaced (update). */
  activityId?: string;
  /** The id the connector gave (send, reply) or kept (update). */
  id: string;
  activity: ConnectorActivity;
  authorization: string | undefined;
}

/** The parts of an activity the tests look at. */
export interface ConnectorActivity {
  type: string;
  text?: string;
  summary?: string;
  replyToId?: string;
  attachments?: { contentType: string; content: unknown }[];
  [key: string]: unknown;
}

export interface FailurePlan {
  status: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

export interface FakeConnector {
  /** What to put in activities' serviceUrl (ends with a slash, like Teams' own). */
  serviceUrl: string;
  /** Everything accepted, in order; failed calls are in `failed`. */
  calls: ConnectorCall[];
  failed: { kind: ConnectorCall["kind"]; conversationId: string; status: number }[];
  /** The next `count` activity calls (POST or PUT) answer `plan.status` instead. */
  failNext(count: number, plan: FailurePlan): void;
  /** Every Adaptive Card in every accepted activity. */
  cards(): unknown[];
  /** Resolves when `predicate` holds for the calls so far (polls; proactive sends are asynchronous). */
  waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failed: FakeConnector["failed"] = [];
  const failures: FailurePlan[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://connector");
    const match = ACTIVITIES.exec(url.pathname);
    const body = await readBody(req);
    if (!match || (req.method !== "POST" && req.method !== "PUT")) {
      return json(res, 404, { error: { code: "NotFound", message: `${req.method} ${url.pathname}` } });
    }
    const conversationId = decodeURIComponent(match[1] ?? "");
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const kind: ConnectorCall["kind"] = req.method === "PUT" ? "update" : activityId ? "reply" : "send";

    const failure = failures.shift();
    if (failure) {
      failed.push({ kind, conversationId, status: failure.status });
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
      return json(res, failure.status, { error: { code: "Throttled", message: `fake ${failure.status}` } }, headers);
    }

    let activity: ConnectorActivity;
    try {
      activity = JSON.parse(body) as ConnectorActivity;
    } catch {
      return json(res, 400, { error: { code: "BadArgument", message: "invalid JSON" } });
    }
    const id = kind === "update" ? (activityId ?? "") : `1:${randomUUID()}`;
    calls.push({
      kind,
      conversationId,
      ...(activityId ? { activityId } : {}),
      id,
      activity,
      authorization: req.headers.authorization,
    });
    // Teams answers 201 with the new message id for sends, 200 with the id for updates.
    return json(res, kind === "update" ? 200 : 201, { id });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { error: { message: String(error) } }));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    failed,
    failNext(count, plan) {
      for (let i = 0; i < count; i++) failures.push(plan);
    },
    cards() {
      return calls.flatMap((c) =>
        (c.activity.attachments ?? [])
          .filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive")
          .map((a) => a.content),
      );
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`fake connector: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      calls.length = 0;
      failed.length = 0;
      failures.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
