// Which practice a Slack workspace lands in, on the real core and database, over signed HTTP. The
// default practice ("My Practice", with the data from seed-demo or an import) is joined only by the
// workspace whose bot token the operator configured; an outside team installing through OAuth, or
// any other team id in a signed request, gets a practice of its own and never sees the default one.
import type { Installation } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { createInstallationStore } from "../../../src/adapters/slack/installation-store.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

const OAUTH_ENV = {
  SLACK_BOT_TOKEN: "",
  SLACK_CLIENT_ID: "111.222",
  SLACK_CLIENT_SECRET: "client-secret",
  SLACK_STATE_SECRET: "state-secret",
};

function installation(teamId: string, name: string): Installation<"v2", false> {
  return {
    team: { id: teamId, name },
    enterprise: undefined,
    user: { id: "UOUTSIDER", token: undefined, scopes: undefined },
    bot: { token: `xoxb-${teamId}`, scopes: ["commands"], id: "BOUT", userId: "UBOTOUT" },
    appId: "A0FAKE",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

describe("which practice a Slack workspace joins", () => {
  let app: TestApp;
  let h: SlackHarness;
  let mine: Practice;

  async function start(env: Record<string, string> = {}) {
    app = await createTestApp();
    mine = await app.repos.practices.getOrCreateDefault();
    const seed: Actor = { practiceId: mine.id, memberId: null, name: "seed", channel: "cli", role: null };
    await app.repos.referrers.create(mine.id, { displayName: "Dr. Jennifer Lee", lastName: "Lee" }, seed);
    h = await startSlackHarness({
      core: app.core,
      repos: app.repos,
      env,
      // The operator's token belongs to the workspace the tests call TEAM.
      beforeStart: (fake) =>
        fake.on("auth.test", () => ({ ok: true, team_id: TEAM.teamId, user_id: "UBOT", bot_id: "BBOT" })),
    });
  }
  afterEach(async () => {
    await h?.close();
    await app?.close();
  });

  async function answerTo(command: string, text: string, teamId: string) {
    h.fake.reset();
    await h.command({ command, text, teamId, teamDomain: teamId.toLowerCase() });
    const [answer] = await h.fake.waitForCalls("response_url");
    return JSON.stringify(answer?.body);
  }

  it("lets the operator's single-token workspace join the default practice and see its referrers", async () => {
    await start();
    expect(await answerTo("/referrer", "Dr. Lee", TEAM.teamId)).toContain("Dr. Jennifer Lee");
    expect((await app.repos.workspaces.find("slack", TEAM.teamId))?.practiceId).toBe(mine.id);
  });

  it("gives any other team id in a signed request a practice of its own, blind to the default one", async () => {
    await start();
    expect(await answerTo("/referrer", "Dr. Lee", "T0STRANGER")).not.toContain("Dr. Jennifer Lee");
    await answerTo("/thanked", "Dr. Jennifer Lee", "T0STRANGER");
    expect((await app.repos.workspaces.find("slack", "T0STRANGER"))?.practiceId).not.toBe(mine.id);
    expect(await app.db.prisma.touch.count({ where: { practiceId: mine.id } })).toBe(0);
  });

  it("gives an outside team's OAuth install a new practice named after it, which never reads the default one", async () => {
    await start(OAUTH_ENV);
    // The first workspace to install: it used to inherit "My Practice" and its referrers.
    await createInstallationStore(app.repos).storeInstallation(installation("T0OUTSIDE", "Outside Clinic"));
    const link = await app.repos.workspaces.find("slack", "T0OUTSIDE");
    expect(link?.practiceId).not.toBe(mine.id);
    expect((await app.repos.practices.findById(link?.practiceId ?? ""))?.name).toBe("Outside Clinic");

    expect(await answerTo("/referrer", "Dr. Lee", "T0OUTSIDE")).not.toContain("Dr. Jennifer Lee");
    await answerTo("/thanked", "Dr. Jennifer Lee", "T0OUTSIDE");
    await answerTo("/referrals", "settings time 05:00", "T0OUTSIDE");
    expect(await app.db.prisma.touch.count({ where: { practiceId: mine.id } })).toBe(0);
    expect((await app.repos.practices.findById(mine.id))?.digestTime).toBe(mine.digestTime);
    expect(await app.repos.workspaces.listForPractice(mine.id)).toEqual([]);
  });

  it("joins an existing practice once an admin links it (referral-nudge workspaces link)", async () => {
    await start(OAUTH_ENV);
    await createInstallationStore(app.repos).storeInstallation(installation("T0BRANCH", "Branch Office"));
    await app.repos.workspaces.linkToPractice("slack", "T0BRANCH", mine.id);
    expect(await answerTo("/referrer", "Dr. Lee", "T0BRANCH")).toContain("Dr. Jennifer Lee");
  });
});
