// The token in a chart's URL (`/charts/<token>.png`): the chart itself, compressed and encrypted, so the
// URL carries no names or ids in clear and the server needs no table to draw it again on any instance;
// its data version and expiry; and an HMAC over all of it. Anything forged, altered or expired opens
// to null (the route answers 404 without saying which).
//
//   header = format (1 byte) · expiry in Unix seconds (4) · data version (12)
//   token  = base64url(header · iv (16) · AES-256-CTR(deflate(chart JSON)) · HMAC-SHA256(all before)[0..16])
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { type ChartModel, ZChartModel } from "../core/charts/chart-model.ts";

const FORMAT = 1;
const VERSION_BYTES = 12;
const HEADER_BYTES = 1 + 4 + VERSION_BYTES;
const IV_BYTES = 16;
const MAC_BYTES = 16;
/** A chart's JSON is a few kilobytes; anything that inflates past this is not ours. */
const MAX_PLAINTEXT_BYTES = 64 * 1024;

export interface ChartKeys {
  encrypt: Buffer;
  sign: Buffer;
}

/** Two keys from the one secret (HKDF), so encrypting and signing never share a key. */
export function chartKeys(secret: string | Buffer): ChartKeys {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", secret, "referral-nudge/charts", info, 32));
  return { encrypt: derive("encrypt"), sign: derive("sign") };
}

/** The chart's data version: a hash of everything drawn, so equal data gives an equal version (and ETag). */
export function chartVersion(chart: ChartModel): string {
  return createHash("sha256").update(JSON.stringify(chart)).digest().subarray(0, VERSION_BYTES).toString("base64url");
}

export function sealChart(keys: ChartKeys, chart: ChartModel, expiresAt: Date): string {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), 1);
  Buffer.from(chartVersion(chart), "base64url").copy(header, 5);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-ctr", keys.encrypt, iv);
  const body = Buffer.concat([cipher.update(deflateRawSync(JSON.stringify(chart))), cipher.final()]);
  const signed = Buffer.concat([header, iv, body]);
  return Buffer.concat([signed, mac(keys, signed)]).toString("base64url");
}

export interface OpenedChart {
  chart: ChartModel;
  version: string;
  expiresAt: Date;
}

/** The header alone, once the HMAC holds: enough to answer from the cache without decrypting. */
export function verifyChartToken(
  keys: ChartKeys,
  token: string,
  now: Date,
): { version: string; expiresAt: Date } | null {
  if (!/^[A-Za-z0-9_-]{40,4000}$/.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length < HEADER_BYTES + IV_BYTES + MAC_BYTES + 1) return null;
  const signed = raw.subarray(0, raw.length - MAC_BYTES);
  if (!timingSafeEqual(mac(keys, signed), raw.subarray(raw.length - MAC_BYTES))) return null;
  if (signed.readUInt8(0) !== FORMAT) return null;
  const expiresAt = new Date(signed.readUInt32BE(1) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return null;
  return { version: signed.subarray(5, HEADER_BYTES).toString("base64url"), expiresAt };
}

export function openChart(keys: ChartKeys, token: string, now: Date): OpenedChart | null {
  const header = verifyChartToken(keys, token, now);
  if (!header) return null;
  const raw = Buffer.from(token, "base64url");
  const iv = raw.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const body = raw.subarray(HEADER_BYTES + IV_BYTES, raw.length - MAC_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-ctr", keys.encrypt, iv);
    const packed = Buffer.concat([decipher.update(body), decipher.final()]);
    const json = inflateRawSync(packed, { maxOutputLength: MAX_PLAINTEXT_BYTES }).toString("utf8");
    const parsed = ZChartModel.safeParse(JSON.parse(json));
    if (!parsed.success || chartVersion(parsed.data) !== header.version) return null;
    return { chart: parsed.data, ...header };
  } catch {
    return null;
  }
}

function mac(keys: ChartKeys, data: Buffer): Buffer {
  return createHmac("sha256", keys.sign).update(data).digest().subarray(0, MAC_BYTES);
}
