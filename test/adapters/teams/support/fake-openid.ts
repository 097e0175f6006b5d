// A local stand-in for login.botframework.com's OpenID metadata and signing keys, so a test can
// present Bot Framework-shaped tokens (signed by a trusted key, or by an impostor) without a network.
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOpenId {
  metadataUrl: string;
  /** A channel token as Teams would send it, signed with the published key or with another one. */
  token(
    claims: Record<string, unknown>,
    opts?: { signedBy?: "trusted" | "impostor"; expiresInSeconds?: number },
  ): string;
  close(): Promise<void>;
}

const KID = "fake-key-1";

export async function startFakeOpenId(): Promise<FakeOpenId> {
  const trusted = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const impostor = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...trusted.publicKey.export({ format: "jwk" }), kid: KID, use: "sig", endorsements: ["msteams"] };

  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/v1/.well-known/openidconfiguration") {
      res.end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${base}/v1/keys` }));
    } else if (req.url === "/v1/keys" || req.url === "/v1/.well-known/keys") {
      // The Teams SDK reads the keys from the metadata URL's sibling (…/.well-known/keys), not jwks_uri.
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    token(claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const key: KeyObject = opts.signedBy === "impostor" ? impostor.privateKey : trusted.privateKey;
      const header = { alg: "RS256", typ: "JWT", kid: KID };
      const payload = {
        iss: "https://api.botframework.com",
        nbf: now - 60,
        exp: now + (opts.expiresInSeconds ?? 3600),
        ...claims,
      };
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
      const signingInput = `${encode(header)}.${encode(payload)}`;
      return `${signingInput}.${sign("sha256", Buffer.from(signingInput), key).toString("base64url")}`;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
