import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isLoopbackServiceUrl } from "../../../src/adapters/teams/service-url.ts";
import { DEFAULT_TENANT, messageActivity } from "../../support/teams-requests.ts";
import { type FakeOpenId, startFakeOpenId } from "./support/fake-openid.ts";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const APP_ID = "00000000-0000-0000-0000-00000000abcd";

describe("Teams with app credentials configured", () => {
  let openId: FakeOpenId;
  let h: TeamsHarness;

  beforeAll(async () => {
    openId = await startFakeOpenId();
  });
  afterAll(async () => {
    await openId.close();
  });
  beforeEach(async () => {
    // botbuilder prints every refused token to the console; the assertions below say what matters.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    h = await startTeamsHarness({
      realCore: true,
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "not-a-real-secret" },
      // The fake connector runs on this machine, which the Bot Framework allow-list would refuse (tested below).
      endpoints: { openIdMetadataUrl: openId.metadataUrl, acceptServiceUrl: isLoopbackServiceUrl },
    });
  });
  afterEach(async () => {
    await h.close();
    vi.restoreAllMocks();
  });

  async function expectRefusedAndNothingChanged(headers: Record<string, string>, label: string) {
    const result = await h.post(messageActivity("digest here", h.base), headers);
    expect(result.status, label).toBe(401);
    expect(h.connector.calls, label).toHaveLength(0);
    expect(await h.repos.workspaces.find("teams", DEFAULT_TENANT), label).toBeNull();
  }

  it("refuses a request without a token with 401 and changes nothing", async () => {
    await expectRefusedAndNothingChanged({}, "no token");
  });

  it("refuses a token that is not a JWT, or another scheme, with 401", async () => {
    await expectRefusedAndNothingChanged({ authorization: "Bearer not-a-jwt" }, "not a JWT");
    await expectRefusedAndNothingChanged({ authorization: "Basic YWRtaW46YWRtaW4=" }, "Basic");
  });

  it("refuses a Bot Framework-shaped token signed by someone else with 401", async () => {
    const forged = openId.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl }, { signedBy: "impostor" });
    await expectRefusedAndNothingChanged({ authorization: `Bearer ${forged}` }, "impostor's signature");
  });

  it("refuses a genuine token issued to another bot, or expired, with 401", async () => {
    const otherBot = openId.token({ aud: "another-bot", serviceurl: h.connector.serviceUrl });
    await expectRefusedAndNothingChanged({ authorization: `Bearer ${otherBot}` }, "other audience");
    const expired = openId.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl }, { expiresInSeconds: -3600 });
    await expectRefusedAndNothingChanged({ authorization: `Bearer ${expired}` }, "expired");
  });

  it("accepts a genuine token for this bot (so the refusals above are about the token)", async () => {
    const genuine = openId.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl });
    // Choosing where the digest goes is an admin's: Ana is made the practice's manager first.
    const link = await h.repos.workspaces.getOrLink("teams", DEFAULT_TENANT);
    for (const externalUserId of ["aad-ana", "29:user-ana"]) {
      const ana = await h.repos.members.upsert({
        practiceId: link.practiceId,
        platform: "teams",
        externalUserId,
        displayName: "Ana Ruiz",
        workspaceExternalId: DEFAULT_TENANT,
      });
      await h.repos.members.setRole(ana.id, "manager");
    }
    const result = await h.post(messageActivity("digest here", h.base), { authorization: `Bearer ${genuine}` });

    expect(result.status).toBe(200);
    // The command ran; its reply needs an outbound token from Microsoft, which a test cannot get.
    expect((await h.repos.workspaces.find("teams", DEFAULT_TENANT))?.digestConversation).toBeTruthy();
  });
});
