// Reads a request's JSON body with a size limit, for every door that takes JSON (the intake API, Teams'
// /api/messages): a body over the limit is refused as soon as its Content-Length (or, without one, its
// bytes so far) says so, without reading the rest into memory. Each door words the refusal itself.
import type { IncomingMessage } from "node:http";

export type BodyProblem = "content_type" | "too_large" | "not_json";

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; problem: BodyProblem; limitBytes: number };

/** application/json, with or without parameters (charset=utf-8). */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json";
}

export async function readJsonBody(
  req: IncomingMessage,
  limitBytes: number,
  acceptsType: (header: string | undefined) => boolean = isJsonContentType,
): Promise<BodyResult> {
  const refused = (status: 400 | 413 | 415, problem: BodyProblem) =>
    ({ ok: false, status, problem, limitBytes }) as const;
  if (!acceptsType(req.headers["content-type"])) return refused(415, "content_type");
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) return refused(413, "too_large");
  const body = await readBodyWithin(req, limitBytes);
  if (body === null) return refused(413, "too_large");
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) as unknown };
  } catch {
    return refused(400, "not_json");
  }
}

/**
 * The whole body, or null once it passes `limitBytes` (the rest is drained unread, so the socket stays up
 * for the 413). Events rather than `for await`: leaving that loop early destroys the socket.
 */
export function readBodyWithin(req: IncomingMessage, limitBytes: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.resume();
      resolve(null);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}
