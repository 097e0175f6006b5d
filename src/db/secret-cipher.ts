// Secrets at rest (Slack OAuth installations, which hold bot tokens): AES-256-GCM under ENCRYPTION_KEY.
// A sealed value names the key it was sealed with (the first 8 hex digits of the key's SHA-256), so a
// rotation can read old values with ENCRYPTION_KEY_PREVIOUS while everything is sealed again under the
// new key. Keys and plain text never reach a log or an error message.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Config } from "../config/config.ts";
import { parseKey } from "../config/encryption-key.ts";

const PREFIX = "enc:v1:";
const IV_BYTES = 12;

export class SecretCipherError extends Error {
  readonly code = "SECRET_UNREADABLE";
}

export interface SecretCipher {
  /** True when a key is configured: sealed values are written. */
  readonly enabled: boolean;
  /** The value as stored: sealed under the current key, or as given when no key is configured. */
  seal(plain: string): string;
  /** The plain value of a stored one, sealed under any known key, or stored plain before encryption began. */
  open(stored: string): string;
  /** True when the stored value is already sealed under the current key (nothing to re-encrypt). */
  isCurrent(stored: string): boolean;
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function createSecretCipher(keys: { current: Buffer | null; previous?: readonly Buffer[] }): SecretCipher {
  const known = new Map<string, Buffer>();
  for (const key of [...(keys.previous ?? []), ...(keys.current ? [keys.current] : [])]) known.set(keyId(key), key);
  const currentId = keys.current ? keyId(keys.current) : null;

  return {
    enabled: keys.current !== null,
    seal(plain) {
      if (!keys.current || !currentId) return plain;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", keys.current, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const parts = [currentId, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")];
      return `${PREFIX}${parts.join(":")}`;
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      const [id, iv, tag, body] = stored.slice(PREFIX.length).split(":");
      const key = id ? known.get(id) : undefined;
      if (!key || !iv || !tag || body === undefined) {
        throw new SecretCipherError(
          `A stored secret was sealed with a key this server does not have (key ${id ?? "?"}): set ENCRYPTION_KEY, or the old key in ENCRYPTION_KEY_PREVIOUS`,
        );
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
        decipher.setAuthTag(Buffer.from(tag, "base64"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretCipherError(`A stored secret sealed with key ${id} does not open: it was changed or damaged`);
      }
    },
    isCurrent(stored) {
      return currentId !== null && stored.startsWith(`${PREFIX}${currentId}:`);
    },
  };
}

/** No key: values are stored as given (only allowed while Slack OAuth is off; see config). */
export const PLAIN_TEXT = createSecretCipher({ current: null });

/** The cipher the configuration asks for: ENCRYPTION_KEY to seal, it and ENCRYPTION_KEY_PREVIOUS to open. */
export function secretCipherFor(config: Pick<Config, "ENCRYPTION_KEY" | "ENCRYPTION_KEY_PREVIOUS">): SecretCipher {
  const current = config.ENCRYPTION_KEY ? parseKey(config.ENCRYPTION_KEY) : null;
  const previous = (config.ENCRYPTION_KEY_PREVIOUS ?? "")
    .split(",")
    .filter((k) => k.trim())
    .flatMap((k) => parseKey(k) ?? []);
  return createSecretCipher({ current, previous });
}
