// Reads a request's JSON body with a size limit: a body over the limit is refused as soon as its
// Content-Length (or, without one, its bytes so far) says so, without reading the rest into memory.
import type { IncomingMessage } from "node:http";

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/** application/json, with or without parameters (charset=utf-8). */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json";
}

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  if (!isJsonContentType(req.headers["content-type"])) {
    return { ok: false, status: 415, message: "Send the referrals as JSON (Content-Type: application/json)." };
  }
  const tooLarge = {
    ok: false,
    status: 413,
    message: `The body is over ${limitBytes} bytes: send fewer referrals per request.`,
  } as const;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) return tooLarge;
  // Events rather than `for await`: leaving that loop early destroys the socket, and with it the 413.
  const body = await new Promise<Buffer | null>((resolve, reject) => {
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
  if (body === null) return tooLarge;
  const text = body.toString("utf8");
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: "The body is not valid JSON." };
  }
}
