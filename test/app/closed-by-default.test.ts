// The whole server as `serve` runs it, attacked the way the issue found it open: an anonymous POST to
// /api/messages on a Slack-only deployment used to run in Teams "local mode", join the Slack practice,
// change its digest time, log touches and list its referrers. Now Teams is off and answers 404, and
// local mode, when asked for, listens on loopback only.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningApp, startServer } from "../../src/app/serve.ts";
import { loadConfig } from "../../src/config/config.ts";
import type { Actor } from "../../src/core/model.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.ts";
import { messageActivity, postActivity } from "../support/teams-requests.ts";

function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  return { logger, text: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg).join("\n") };
}

describe("a deployment without Microsoft credentials", () => {
  let dir: string;
  let running: RunningApp | undefined;
  let fake: FakeSlackApi | undefined;

  afterEach(async () => {
    await running?.stop();
    await fake?.close();
    running = undefined;
    fake = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>) {
    dir = mkdtempSync(join(tmpdir(), "referral-nudge-closed-"));
    const log = capturingLogger();
    const config = loadConfig({
      NODE_ENV: "test",
      PORT: "0",
      SCHEDULER: "off",
      DATABASE_URL: `file:${join(dir, "app.db")}`,
      ...env,
    });
    running = await startServer(config, log.logger);
    return { running, log };
  }

  it("answers anonymous Teams activities with 404 and changes nothing in the Slack practice", async () => {
    fake = await startFakeSlackApi();
    const { running, log } = await start({
      HOST: "127.0.0.1",
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: fake.apiUrl,
    });
    const { repos, db } = running.services;
    const practice = await repos.practices.getOrCreateDefault();
    await repos.workspaces.getOrLink("slack", "T0CLINIC", { joinDefault: true });
    const seed: Actor = { practiceId: practice.id, memberId: null, name: "seed", channel: "cli", role: null };
    await repos.referrers.create(practice.id, { displayName: "Dr. Jane Lee", lastName: "Lee" }, seed);

    const botUrl = `http://127.0.0.1:${running.port}/api/messages`;
    const serviceUrl = "http://127.0.0.1:9/"; // never contacted
    for (const text of ["settings time 05:00", "thanked Dr. Lee", "referrer Dr. Lee", "digest here"]) {
      const answer = await postActivity(botUrl, messageActivity(text, { serviceUrl, tenantId: null }));
      expect(answer.status, text).toBe(404);
    }

    expect((await repos.practices.findById(practice.id))?.digestTime).toBe(practice.digestTime);
    expect(await db.prisma.touch.count()).toBe(0);
    expect(await db.prisma.member.count()).toBe(0);
    expect((await repos.workspaces.listAll()).map((w) => w.platform)).toEqual(["slack"]);
    expect(log.text()).toMatch(/Teams is off \(POST \/api\/messages answers 404\)/);
    expect(log.text()).toMatch(/MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID/);
    expect(log.text()).toMatch(/npm run playground \(TEAMS_LOCAL=1\)/);
  });

  it("in local mode (TEAMS_LOCAL=1) listens on loopback only, though HOST says every interface", async () => {
    const { running, log } = await start({ TEAMS_LOCAL: "1", HOST: "0.0.0.0" });
    expect((running.server.address() as AddressInfo).address).toBe("127.0.0.1");
    expect(log.text()).toMatch(/HOST=0\.0\.0\.0 is ignored in local mode/);
    expect(log.text().match(/everyone who talks to the bot is an admin/g)).toHaveLength(1);
  });
});
