// API tokens for the intake doors: 32 random bytes, shown once; only their sha256 is stored. A token
// this long needs no slow hash (nobody can guess it), and sha256 lets a request be checked by one lookup.
import { createHash, randomBytes } from "node:crypto";

const PREFIX = "rn_";

export function newApiToken(): { token: string; tokenHash: string; hint: string } {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token), hint: token.slice(-4) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The token of an "Authorization: Bearer …" header, or null. */
export function bearerTokenOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1]! : null;
}

/** "EHR feed (Epic)" → "ehr-feed-epic": a token's default source system. */
export function sourceSystemOfLabel(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug === "" || slug === "csv" ? "api" : slug;
}
