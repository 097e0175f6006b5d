// A local stand-in for Slack's servers: the Web API methods the bot calls, answered the way Slack
// answers them, and the response_url endpoint respond() posts to. Every call is recorded (method,
// parsed body, token, HTTP status) so tests can assert on exactly what the bot sent, and failures
// (429 with Retry-After, 500, a Slack error) can be queued for the next N calls to a method, or a call
// held unanswered (as if the bot died waiting for it). Posted messages are kept for conversations.history.
// Payloads are checked against Block Kit's limits like Slack does, and refused with invalid_blocks.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { findMessageViolations, findViewViolations } from "../../src/adapters/slack/render/block-kit-limits.ts";

export type Json = Record<string, unknown>;

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), or "response_url" for posts to a response_url. */
  method: string;
  body: Json;
  /** The bearer token sent, if any. */
  token: string | undefined;
  /** The HTTP status the fake answered with. */
  status: number;
  /** Slack's `ok` in the answer (false for a Slack error, undefined for a non-200). */
  ok: boolean | undefined;
  /** For response_url posts: the id in the URL. */
  responseId?: string;
  /** The JSON the fake answered with (a posted message's ts, an opened view's id). */
  answer?: Json;
}

export type Failure = { status: 429; retryAfter?: number } | { status: 500 } | { error: string };

export type MethodHandler = (body: Json, call: RecordedCall) => Json;

/** A message the fake took (chat.postMessage answered ok), as conversations.history gives it back. */
export interface PostedMessage {
  channel: string;
  ts: string;
  /** When it arrived (epoch ms). */
  at: number;
  metadata?: unknown;
}

/**
 * How a held call ends for the bot: never answered (as if its process died waiting). `posted` says whether
 * Slack took the message all the same (the answer was lost on the way back) or never saw it.
 */
export interface HoldOptions {
  posted: boolean;
}

export interface FakeSlackUser {
  id: string;
  name: string;
  realName: string;
  /** What users.info says about the user's place in the workspace (all false when left out). */
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
}

function parseWebApiBody(raw: string, contentType: string | undefined): Json {
  if (contentType?.includes("application/json")) return raw ? (JSON.parse(raw) as Json) : {};
  const body: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The WebClient form-encodes objects and arrays (blocks, view) as JSON strings.
    if (/^[[{]/.test(value)) {
      try {
        body[key] = JSON.parse(value);
        continue;
      } catch {
        // Plain text that happens to start with a bracket.
      }
    }
    body[key] = value;
  }
  return body;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The file in an upload: the WebClient posts it as the one part of a multipart form, or as the raw body. */
function fileBytes(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? "");
  if (!contentType?.startsWith("multipart/form-data") || !boundary) return body;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(marker);
  const headersEnd = body.indexOf("\r\n\r\n", start);
  const end = body.indexOf(marker, headersEnd);
  if (start === -1 || headersEnd === -1 || end === -1) return body;
  return body.subarray(headersEnd + 4, end - 2);
}

/** A file the bot uploaded (files.uploadV2: get an upload URL, post the bytes there, complete the upload). */
export interface FakeUpload {
  fileId: string;
  filename: string;
  /** The bytes posted to the upload URL, as sent (the WebClient may wrap them in a form). */
  raw: Buffer;
  /** The file itself, out of the form the WebClient may have wrapped it in. */
  bytes: Buffer;
  /** Set by files.completeUploadExternal: where the file was shared, with what title and comment. */
  channelId?: string;
  title?: string;
  initialComment?: string;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  /** Block Kit problems found in what the bot sent (also answered with invalid_blocks). */
  readonly invalidPayloads: { method: string; problems: string[] }[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly rejectedChannels = new Map<string, string>();
  /** Messages taken, oldest first: what conversations.history answers from. */
  readonly posted: PostedMessage[] = [];
  private readonly holds = new Map<string, HoldOptions[]>();
  private readonly held: ServerResponse[] = [];
  private tsCounter = 0;
  private viewCounter = 0;
  private fileCounter = 0;
  /** Files uploaded (charts, the cards' PDF), by file id, in order. */
  readonly uploads = new Map<string, FakeUpload>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeSlackApi> {
    let fake: FakeSlackApi | undefined;
    const server = createServer((req, res) => {
      void fake?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlackApi(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** What SLACK_API_URL points at. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url for a payload; posts to it are recorded as method "response_url". */
  responseUrl(id = "r1"): string {
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls that Slack would have accepted (HTTP 200, ok true). */
  successfulCallsTo(method: string): RecordedCall[] {
    return this.callsTo(method).filter((c) => c.status === 200 && c.ok !== false);
  }

  /** The next `count` calls to `method` fail this way (use "response_url" for respond()). */
  failNext(method: string, count: number, failure: Failure): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** chat.postMessage to this channel answers `{ ok: false, error }`, every time. */
  rejectChannel(channel: string, error = "channel_not_found"): void {
    this.rejectedChannels.set(channel, error);
  }

  /** The next `count` calls to `method` get no answer until release(); see HoldOptions. */
  holdNext(method: string, count: number, opts: HoldOptions): void {
    const queue = this.holds.get(method) ?? [];
    for (let i = 0; i < count; i++) queue.push(opts);
    this.holds.set(method, queue);
  }

  /** Calls held so far (their callers are still waiting, or gone). */
  get heldCount(): number {
    return this.held.length;
  }

  /** Ends every held call (with a 500: whoever still waits will retry). */
  releaseHeld(): void {
    for (const res of this.held.splice(0)) if (!res.writableEnded) res.writeHead(500).end();
  }

  /** Replaces the built-in answer of a method. */
  on(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  /** The bytes of an uploaded PDF, out of whatever the WebClient wrapped them in. */
  uploadedPdf(fileId: string): Uint8Array | null {
    const raw = this.uploads.get(fileId)?.raw;
    if (!raw) return null;
    const start = raw.indexOf("%PDF-");
    const end = raw.lastIndexOf("%%EOF");
    return start >= 0 && end > start ? new Uint8Array(raw.subarray(start, end + 5)) : null;
  }

  reset(): void {
    this.uploads.clear();
    this.calls.length = 0;
    this.invalidPayloads.length = 0;
    this.failures.clear();
    this.rejectedChannels.clear();
    this.posted.length = 0;
    this.holds.clear();
    this.releaseHeld();
  }

  /** Waits until `predicate` holds over the recorded calls; fails with what was recorded. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, what = "the expected calls", timeoutMs = 3000) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => `${c.method} ${c.status}${c.ok === false ? " (ok: false)" : ""}`);
        throw new Error(`Timed out waiting for ${what}; recorded: ${seen.join(", ") || "nothing"}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Waits for `count` successful calls to `method` and returns them. */
  async waitForCalls(method: string, count = 1, timeoutMs = 3000): Promise<RecordedCall[]> {
    await this.waitFor(
      (calls) => calls.filter((c) => c.method === method && c.status === 200).length >= count,
      `${count} × ${method}`,
      timeoutMs,
    );
    return this.callsTo(method).filter((c) => c.status === 200);
  }

  async close(): Promise<void> {
    this.releaseHeld();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${1_700_000_000 + this.tsCounter}.000100`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const bytes = await readBody(req);
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined;

    if (url.pathname.startsWith("/upload/")) {
      // Where files.uploadV2 posts the file's bytes, between getUploadURLExternal and completeUploadExternal.
      const fileId = decodeURIComponent(url.pathname.slice("/upload/".length));
      const upload = this.uploads.get(fileId);
      const status = upload ? 200 : 404;
      if (upload) {
        upload.raw = bytes;
        upload.bytes = fileBytes(bytes, req.headers["content-type"]);
      }
      this.calls.push({ method: "file_upload", body: { fileId, length: bytes.length }, token, status, ok: !!upload });
      res.writeHead(status, { "content-type": "text/plain" }).end(upload ? `OK - ${bytes.length}` : "not found");
      return;
    }

    const body = parseWebApiBody(bytes.toString("utf8"), req.headers["content-type"]);

    if (url.pathname.startsWith("/response/")) {
      const call: RecordedCall = {
        method: "response_url",
        body,
        token,
        status: 200,
        ok: true,
        responseId: decodeURIComponent(url.pathname.slice("/response/".length)),
      };
      if (this.applyFailure("response_url", call, res)) return;
      this.checkBlocks("response_url", body);
      this.calls.push(call);
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }

    if (!url.pathname.startsWith("/api/")) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const bodyToken = typeof body["token"] === "string" ? body["token"] : undefined;
    const call: RecordedCall = { method, body, token: token ?? bodyToken, status: 200, ok: true };
    if (this.applyFailure(method, call, res)) return;
    const hold = this.holds.get(method)?.shift();
    if (hold) {
      // Answered as usual inside (so a posted message is kept), but the answer never leaves.
      call.status = 0;
      call.ok = undefined;
      if (hold.posted) this.answer(method, body, { ...call });
      this.calls.push(call);
      this.held.push(res);
      return;
    }
    const answer = this.answer(method, body, call);
    call.ok = answer["ok"] === true;
    call.answer = answer;
    this.calls.push(call);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  }

  private applyFailure(method: string, call: RecordedCall, res: ServerResponse): boolean {
    const queue = this.failures.get(method);
    const failure = queue?.[0];
    // Slack errors are answered with HTTP 200 by answer(); only HTTP failures are handled here.
    if (!failure || "error" in failure) return false;
    queue?.shift();
    call.status = failure.status;
    call.ok = undefined;
    this.calls.push(call);
    if (failure.status === 429) {
      res.writeHead(429, { "retry-after": String(failure.retryAfter ?? 1), "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
    } else {
      res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
    }
    return true;
  }

  /** A Slack error queued with failNext, consumed in answer() so the call still counts as HTTP 200. */
  private queuedSlackError(method: string): string | undefined {
    const queue = this.failures.get(method);
    const next = queue?.[0];
    if (next && "error" in next) {
      queue?.shift();
      return next.error;
    }
    return undefined;
  }

  private checkBlocks(method: string, body: Json): string[] {
    let problems: string[] = [];
    if (method === "views.open" || method === "views.publish" || method === "views.update") {
      problems = findViewViolations(body["view"]).map((v) => `${v.path}: ${v.message}`);
    } else if (body["blocks"] !== undefined) {
      problems = findMessageViolations(body).map((v) => `${v.path}: ${v.message}`);
    }
    if (problems.length) this.invalidPayloads.push({ method, problems });
    return problems;
  }

  private answer(method: string, body: Json, call: RecordedCall): Json {
    const slackError = this.queuedSlackError(method);
    if (slackError) return { ok: false, error: slackError };
    const custom = this.handlers.get(method);
    if (custom) return custom(body, call);
    if (this.checkBlocks(method, body).length) return { ok: false, error: "invalid_blocks" };
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.com/",
          team: "Fake Team",
          user: "referral-nudge",
          team_id: "T0000FAKE",
          user_id: "UBOT",
          bot_id: "BBOT",
        };
      case "chat.postMessage": {
        const channel = String(body["channel"] ?? "");
        if (!channel) return { ok: false, error: "channel_not_found" };
        const rejected = this.rejectedChannels.get(channel);
        if (rejected) return { ok: false, error: rejected };
        const ts = this.nextTs();
        this.posted.push({ channel, ts, at: Date.now(), ...(body["metadata"] ? { metadata: body["metadata"] } : {}) });
        return { ok: true, channel, ts, message: { type: "message", text: body["text"], ts, blocks: body["blocks"] } };
      }
      case "conversations.history": {
        const channel = String(body["channel"] ?? "");
        const oldest = Number(body["oldest"] ?? 0) * 1000;
        const messages = this.posted
          .filter((m) => m.channel === channel && m.at >= oldest)
          .reverse()
          .map((m) => ({ type: "message", ts: m.ts, ...(m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case "chat.update":
        return { ok: true, channel: body["channel"], ts: body["ts"], text: body["text"] };
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "views.open":
      case "views.publish":
      case "views.update": {
        if (method === "views.open" && !body["trigger_id"]) return { ok: false, error: "invalid_trigger_id" };
        this.viewCounter += 1;
        const view = (body["view"] ?? {}) as Json;
        return { ok: true, view: { ...view, id: `V${this.viewCounter}`, hash: `hash-${this.viewCounter}` } };
      }
      case "conversations.open": {
        const users = String(body["users"] ?? "");
        return { ok: true, channel: { id: `D${users.replace(/^[UW]/, "")}` } };
      }
      case "users.info": {
        const user = this.users.get(String(body["user"]));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.realName,
            is_admin: user.isAdmin === true,
            is_owner: user.isOwner === true,
            is_primary_owner: user.isPrimaryOwner === true,
            profile: { display_name: "", real_name: user.realName },
          },
        };
      }
      case "oauth.v2.access":
        return {
          ok: true,
          app_id: "A0FAKE",
          authed_user: { id: "UINSTALLER" },
          scope:
            "commands,chat:write,chat:write.public,im:write,users:read,channels:history,groups:history,im:history,files:write",
          token_type: "bot",
          access_token: `xoxb-installed-${String(body["code"] ?? "code")}`,
          bot_user_id: "UBOT",
          team: { id: "T0INSTALLED", name: "Installed Clinic" },
          enterprise: null,
          is_enterprise_install: false,
        };
      case "files.getUploadURLExternal": {
        const filename = String(body["filename"] ?? "");
        if (!filename || !Number(body["length"])) return { ok: false, error: "invalid_arguments" };
        // Never reused, even after reset(): a chart's cached file id stays the one file it names.
        this.fileCounter += 1;
        const fileId = `F${String(this.fileCounter).padStart(8, "0")}`;
        this.uploads.set(fileId, { fileId, filename, raw: Buffer.alloc(0), bytes: Buffer.alloc(0) });
        return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const files = (typeof body["files"] === "string" ? JSON.parse(body["files"]) : body["files"]) as Json[];
        const shared: Json[] = [];
        for (const file of files ?? []) {
          const upload = this.uploads.get(String(file["id"]));
          if (!upload || upload.raw.length === 0) return { ok: false, error: "file_not_found" };
          upload.title = typeof file["title"] === "string" ? file["title"] : upload.filename;
          if (typeof body["channel_id"] === "string") upload.channelId = body["channel_id"];
          if (typeof body["initial_comment"] === "string") upload.initialComment = body["initial_comment"];
          shared.push({ id: upload.fileId, title: upload.title, name: upload.filename });
        }
        return { ok: true, files: shared };
      }
      case "apps.connections.open":
        return { ok: false, error: "not_supported_by_fake" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  return FakeSlackApi.start();
}
