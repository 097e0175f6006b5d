// Stands in for Microsoft's login service when the bot is signed in: its replies carry a made-up
// bearer token, so they reach the local fake connector (which reads none) instead of failing to get one.

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");

/**
 * The Teams SDK's token provider (`token` in its App options), answering every scope with the same
 * unsigned token. The SDK reads a token's expiry, so it must be shaped like a JWT.
 */
export function fakeOutboundToken(_scope: string | string[], _tenantId?: string): string {
  const exp = 4_102_444_800; // 2100-01-01: the same token every time, so a test can look for it
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ aud: "https://api.botframework.com", exp })}.fake`;
}
