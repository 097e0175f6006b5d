// Stands in for Microsoft's login service when the bot is signed in: its replies carry a made-up
// bearer token, so they reach the local fake connector (which reads none) instead of failing to get one.

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");

/**
 * The Teams SDK's token provider (`token` in its App options), answering every scope with the same
 * unsigned token. The SDK reads a token's expiry, so it must be shaped like a JWT.
 */
export function fakeOutboundToken(_scope: string | string[], _tenantId?: string): string {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ aud: "https://api.botframework.com", exp })}.fake`;
}
