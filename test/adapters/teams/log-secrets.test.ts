// A failed call to the Bot Framework connector is logged, but never with the bot's bearer token:
// the HTTP client's error carries the whole request, Authorization header included.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isLoopbackServiceUrl } from "../../../src/adapters/teams/service-url.ts";
import { createLogger } from "../../../src/logging/logger.ts";
import { messageActivity } from "../../support/teams-requests.ts";
import { type FakeOpenId, startFakeOpenId } from "./support/fake-openid.ts";
import { fakeOutboundToken } from "./support/fake-outbound-credentials.ts";
import { startTeamsHarness } from "./support/teams-harness.ts";

const APP_ID = "00000000-0000-0000-0000-00000000abcd";

describe("Teams logs when the connector fails", () => {
  let openId: FakeOpenId;
  beforeAll(async () => {
    openId = await startFakeOpenId();
  });
  afterAll(() => openId.close());

  it.each([
    ["answers 500", "connector"],
    ["cannot be reached", "closed port"],
  ])("writes the failure, not the bearer token, when the connector %s", async (_what, where) => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const h = await startTeamsHarness({
      realCore: true,
      logger: createLogger("debug", sink),
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "not-a-real-secret" },
      endpoints: {
        openIdMetadataUrl: openId.metadataUrl,
        acceptServiceUrl: isLoopbackServiceUrl,
        outboundToken: fakeOutboundToken,
      },
    });
    try {
      const serviceUrl = where === "connector" ? h.connector.serviceUrl : "http://127.0.0.1:9/";
      if (where === "connector") h.connector.failNext(10, { status: 500 });
      const token = openId.token({ aud: APP_ID, serviceurl: serviceUrl });
      const result = await h.post(messageActivity("help", { serviceUrl }), { authorization: `Bearer ${token}` });
      expect(result.status).toBe(200);

      const logs = lines.join("");
      expect(logs).toContain("could not tell the user about the failure");
      expect(logs).not.toContain(fakeOutboundToken("any"));
      expect(logs).not.toContain(token);
      expect(logs.toLowerCase()).not.toContain("bearer ");
    } finally {
      await h.close();
      vi.restoreAllMocks();
    }
  });
});
