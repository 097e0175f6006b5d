// ENCRYPTION_KEY's form: 32 random bytes, written in base64. Read here for the configuration check and by
// the database's secret cipher; made by `referral-nudge keys generate`.
import { randomBytes } from "node:crypto";

/** The key from its base64 text: exactly 32 bytes, or null for an unusable value. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, "base64");
  return key.length === 32 && key.toString("base64").replace(/=+$/, "") === trimmed.replace(/=+$/, "") ? key : null;
}

export function newKeyText(): string {
  return randomBytes(32).toString("base64");
}
