// A fake Slack Web API for the fleet bench, paced the way Slack paces posting: one message per second per
// channel, anything faster answered 429 with Retry-After (as Slack does), and besides that the first post to
// one channel in RATE_LIMITED_EVERY answered 429 once, as a busy Slack does now and then. (The bench runs
// the bot with one bot token, and the WebClient rightly pauses everything it sends through that token for
// Retry-After, so each injected 429 holds up a whole instance for a second; with a token per workspace,
// as 10,000 practices would have, it holds up only that workspace.) It keeps, per
// channel, when each accepted message arrived: enough to count deliveries, duplicates and the last one.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One channel in this many gets a 429 on its first post. */
const RATE_LIMITED_EVERY = 500;

interface Posted {
  at: number;
  ts: string;
  metadata: unknown;
}

export interface PacedSlack {
  readonly apiUrl: string;
  /** Accepted chat.postMessage arrival times (epoch ms), per channel. */
  readonly accepted: Map<string, number[]>;
  /** conversations.history calls answered (a later attempt reading back whether its digest is there). */
  readonly historyReads: { count: number };
  /** 429s answered: for posting faster than once a second, and the injected ones. */
  readonly rateLimited: { pacing: number; injected: number };
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The Web API arguments, form-encoded (objects as JSON strings) or JSON. */
function argsOf(raw: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes("application/json")) {
    const json = JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function answer(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export async function startPacedSlack(): Promise<PacedSlack> {
  const accepted = new Map<string, number[]>();
  const lastPost = new Map<string, number>();
  const injectedOnce = new Set<string>();
  const rateLimited = { pacing: 0, injected: 0 };
  const historyReads = { count: 0 };
  const messages = new Map<string, Posted[]>();
  let seq = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const method = new URL(req.url ?? "/", "http://fake").pathname.replace(/^\/api\//, "");
      if (method === "auth.test") {
        answer(res, 200, { ok: true, team_id: "TFLEET", user_id: "UBOT", bot_id: "BBOT", team: "Fleet" });
        return;
      }
      const args = argsOf(raw, req.headers["content-type"]);
      if (method === "conversations.history") {
        historyReads.count++;
        const oldest = Number(args["oldest"] ?? 0) * 1000;
        const found = (messages.get(args["channel"] ?? "") ?? []).filter((m) => m.at >= oldest);
        answer(res, 200, {
          ok: true,
          messages: found.map((m) => ({ type: "message", ts: m.ts, metadata: m.metadata })),
          has_more: false,
        });
        return;
      }
      if (method !== "chat.postMessage") {
        answer(res, 200, { ok: true });
        return;
      }
      const channel = args["channel"] ?? "";
      const now = Date.now();
      const n = Number(channel.replace(/\D/g, ""));
      if (n % RATE_LIMITED_EVERY === 7 && !injectedOnce.has(channel)) {
        injectedOnce.add(channel);
        rateLimited.injected++;
        answer(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
        return;
      }
      const last = lastPost.get(channel);
      if (last !== undefined && now - last < 1_000) {
        rateLimited.pacing++;
        answer(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
        return;
      }
      lastPost.set(channel, now);
      const list = accepted.get(channel) ?? [];
      list.push(now);
      accepted.set(channel, list);
      seq++;
      const ts = `${Math.floor(now / 1000)}.${String(seq % 1_000_000).padStart(6, "0")}`;
      const posted = messages.get(channel) ?? [];
      posted.push({ at: now, ts, metadata: args["metadata"] ? JSON.parse(args["metadata"]) : undefined });
      messages.set(channel, posted);
      answer(res, 200, { ok: true, channel, ts });
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    accepted,
    rateLimited,
    historyReads,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
