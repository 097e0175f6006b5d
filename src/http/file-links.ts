// Signed, expiring download links for files the bot hands over where the chat cannot take an upload
// (Teams: the thank-you cards' PDF). A link names the practice and the core's reference for the file
// (never the file itself), so any instance can serve it; the HMAC and the expiry make it unguessable and
// short-lived. Closed by default: the route exists only when a public address is configured.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod/v4";
import type { ReplyFile } from "../core/reply.ts";
import type { Logger } from "../logging/logger.ts";
import type { Route } from "./route.ts";

export const FILES_PATH = "/files/";
export const DEFAULT_LINK_TTL_MS = 60 * 60_000;

const ZLinkPayload = z.object({ p: z.string().min(1).max(64), f: z.string().min(1).max(200), e: z.number().int() });

export interface FileLinks {
  /** An absolute link to the file the core can make from `ref` for the practice; null while no address is known. */
  url(practiceId: string, ref: string, filename: string): string | null;
  /** The practice and reference a link names, if its signature holds and it has not expired. */
  verify(token: string): { practiceId: string; ref: string } | null;
}

export interface FileLinkOptions {
  /** The public address of this server (PUBLIC_URL, or the local address in Playground mode). */
  baseUrl: () => string | null;
  /** The signing key; every instance behind one address needs the same. A random one per process by default. */
  key?: string;
  ttlMs?: number;
  now?: () => number;
}

export function createFileLinks(opts: FileLinkOptions): FileLinks {
  const key = opts.key ?? randomBytes(32).toString("base64url");
  const ttl = opts.ttlMs ?? DEFAULT_LINK_TTL_MS;
  const now = opts.now ?? Date.now;
  const sign = (body: string) => createHmac("sha256", key).update(body).digest("base64url");
  return {
    url(practiceId, ref, filename) {
      const base = opts.baseUrl();
      if (!base) return null;
      const body = Buffer.from(JSON.stringify({ p: practiceId, f: ref, e: now() + ttl })).toString("base64url");
      const safeName = filename.replace(/[^A-Za-z0-9._-]/g, "-");
      return `${base.replace(/\/+$/, "")}${FILES_PATH}${body}.${sign(body)}/${safeName}`;
    },
    verify(token) {
      const [body, signature] = token.split(".");
      if (!body || !signature) return null;
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
      } catch {
        return null;
      }
      const parsed = ZLinkPayload.safeParse(payload);
      if (!parsed.success || parsed.data.e < now()) return null;
      return { practiceId: parsed.data.p, ref: parsed.data.f };
    },
  };
}

/** GET /files/<token>/<name>: the file, made again by the core; 404 for anything else (no hint why). */
export function fileRoute(
  links: FileLinks,
  makeFile: (practiceId: string, ref: string) => Promise<ReplyFile | null>,
  logger: Logger,
): Route {
  return {
    method: "GET",
    path: `${FILES_PATH}*`,
    async handle(req, res) {
      const token = (req.url ?? "").slice(FILES_PATH.length).split(/[/?]/)[0] ?? "";
      const named = links.verify(token);
      const file = named
        ? await makeFile(named.practiceId, named.ref).catch((error: unknown) => {
            logger.error({ err: error }, "could not make a linked file");
            return null;
          })
        : null;
      if (!file) {
        res
          .writeHead(404, { "content-type": "text/plain; charset=utf-8" })
          .end("Not found, or the link has expired.\n");
        return;
      }
      res
        .writeHead(200, {
          // Text (a calendar invitation) is UTF-8; say so, or a client may guess otherwise.
          "content-type": file.mimeType.startsWith("text/") ? `${file.mimeType}; charset=utf-8` : file.mimeType,
          "content-length": String(file.bytes.byteLength),
          "content-disposition": `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
          "cache-control": "private, no-store",
        })
        .end(Buffer.from(file.bytes));
    },
  };
}
