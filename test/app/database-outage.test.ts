// A PostgreSQL outage as users live it: the real server (Slack over signed HTTP, Teams over the Bot
// Framework protocol) with a TCP proxy between it and PostgreSQL that the test takes down and brings back.
// While it is down a slash command and a Teams message get a short "try again in a minute" within
// Slack's 3 seconds, and nothing is written; once it is back, the same command works, with no restart.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startServer } from "../../src/app/serve.ts";
import { loadConfig } from "../../src/config/config.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { type FakeConnector, startFakeConnector } from "../support/fake-connector.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.ts";
import { sendSlashCommand } from "../support/slack-requests.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { messageActivity, postActivity } from "../support/teams-requests.ts";
import { POSTGRES_TEST_URL } from "../support/test-app.ts";

const SIGNING_SECRET = "outage-signing-secret-0123456789ab";
const TEAM = { teamId: "T0CLINIC", teamDomain: "clinic" };

describe.skipIf(!POSTGRES_TEST_URL)("chat through a PostgreSQL outage", () => {
  let proxy: TcpProxy;
  let app: RunningApp;
  let fake: FakeSlackApi;
  let connector: FakeConnector;
  let name: string;
  let admin: (sql: string) => Promise<number>;
  let responses = 0;

  const slash = (command: string, text: string) =>
    sendSlashCommand(
      `http://127.0.0.1:${app.port}/slack/events`,
      { ...TEAM, command, text, responseUrl: fake.responseUrl(`r${++responses}`) },
      { signingSecret: SIGNING_SECRET },
    );
  /** The text of the last reply posted to a response_url, once it has come. */
  const lastSlackReply = async () => {
    const posts = await fake.waitForCalls("response_url", responses, 5_000);
    return JSON.stringify(posts.at(-1)?.body);
  };
  const touches = () => admin(`SELECT count(*)::int AS n FROM "Touch"`);

  beforeAll(async () => {
    const base = new URL(POSTGRES_TEST_URL as string);
    name = `rn_outage_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const create = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await create.connect();
    await create.query(`CREATE DATABASE ${name}`);
    await create.end();
    admin = async (sql) => {
      const url = new URL(POSTGRES_TEST_URL as string);
      url.pathname = `/${name}`;
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        return (await c.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
      } finally {
        await c.end();
      }
    };
    proxy = await startTcpProxy({ host: base.hostname, port: Number(base.port || 5432) });
    fake = await startFakeSlackApi();
    connector = await startFakeConnector();
    const url = new URL(POSTGRES_TEST_URL as string);
    url.port = String(proxy.port);
    url.pathname = `/${name}`;
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: url.toString(),
      PORT: "0",
      HOST: "127.0.0.1",
      SCHEDULER: "off",
      SLACK_BOT_TOKEN: "xoxb-outage",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      TEAMS_LOCAL: "1",
    });
    app = await startServer(config, silentLogger());
    expect((await slash("/referrer", "add Dr. Jane Okafor, Riverside Clinic, Family medicine")).status).toBe(200);
    expect(await lastSlackReply()).toContain("Okafor");
  }, 60_000);

  afterAll(async () => {
    proxy?.up();
    await app?.stop();
    await proxy?.close();
    await fake?.close();
    await connector?.close();
    const drop = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  });

  it("answers Slack and Teams with 'try again in a minute' within 3 s, writes nothing, and works again after", async () => {
    const before = await touches();
    proxy.down();
    try {
      let started = Date.now();
      expect((await slash("/called", "Dr. Okafor about the knee patient")).status).toBe(200);
      const slackReply = await lastSlackReply();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(slackReply).toContain("try again in a minute");

      started = Date.now();
      const sent = connector.calls.length;
      const message = messageActivity("called Dr. Okafor about the knee patient", {
        serviceUrl: connector.serviceUrl,
      });
      expect((await postActivity(`http://127.0.0.1:${app.port}/api/messages`, message)).status).toBeLessThan(300);
      await connector.waitFor((calls) => calls.length > sent, 3_000);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(JSON.stringify(connector.calls.at(-1)?.activity)).toContain("try again in a minute");
      expect((await fetch(`http://127.0.0.1:${app.port}/readyz`)).status).toBe(503);
    } finally {
      proxy.up();
    }
    expect(await touches()).toBe(before);

    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${app.port}/readyz`)).status, { timeout: 10_000, interval: 200 })
      .toBe(200);
    expect((await slash("/called", "Dr. Okafor about the knee patient")).status).toBe(200);
    expect(await lastSlackReply()).toContain("Called");
    expect(await touches()).toBe(before + 1);
  }, 60_000);
});
