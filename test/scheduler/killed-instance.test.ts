// Recovery from a real death, on PostgreSQL: two `serve` processes (the compiled build, as deployed) share
// one database; the one that claims the morning's digest is killed with SIGKILL while Slack still holds its
// chat.postMessage, and the other delivers it within 60 s of the death. The channel gets it once, whether
// Slack never saw the killed instance's message or took it and only the answer was lost.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Practice } from "../../src/core/model.ts";
import type { Database } from "../../src/db/database.ts";
import { createDigestRunStore } from "../../src/db/digest-runs.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.ts";
import {
  createRepositories,
  notePostgresSkipped,
  POSTGRES_TEST_URL,
  type ScratchDatabase,
  scratchDatabase,
} from "../support/scheduler-fixtures.ts";

notePostgresSkipped("killed-instance recovery");

const CLI = fileURLToPath(new URL("../../bin/referral-nudge.mjs", import.meta.url));
/** A lease of 30 s, a sweep every 15 s, a process start: the whole of it, with room for a busy machine. */
const TEST_MS = 150_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(what: string, holds: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A fixed-offset zone where it is 12:xx now, so a digest at 12:00 is due and the cutoff is hours away. */
function noonZone(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? "Etc/UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

describe.skipIf(!POSTGRES_TEST_URL)("a serve process killed while it sends a digest, on PostgreSQL", () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let fake: FakeSlackApi;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    scratch = await scratchDatabase("postgresql");
    db = await scratch.connect();
    fake = await startFakeSlackApi();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(
      running.splice(0).map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }),
    );
    fake.reset();
  });

  afterAll(async () => {
    await fake?.close();
    await scratch?.drop();
  });

  async function serve(instanceId: string): Promise<ChildProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, "serve"], {
      env: {
        ...process.env,
        DATABASE_URL: scratch.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        INSTANCE_ID: instanceId,
        LOG_LEVEL: "warn",
        SLACK_BOT_TOKEN: "xoxb-killed-instance-test",
        SLACK_SIGNING_SECRET: "killed-instance-test-secret",
        SLACK_API_URL: fake.apiUrl,
      },
      stdio: "ignore",
    });
    running.push(child);
    await until(
      `${instanceId} to be ready`,
      () =>
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
    );
    return child;
  }

  /** A practice whose digest is due now, posted to its own Slack channel. */
  async function duePractice(channel: string): Promise<Practice> {
    const repos = createRepositories(db);
    const practice = await repos.practices.create({ name: `Killed instance ${channel}` });
    await db.prisma.chatWorkspace.create({
      data: { practiceId: practice.id, platform: "slack", externalId: `T${channel}`, digestConversation: channel },
    });
    return repos.practices.updateSettings(practice.id, {
      timeZone: noonZone(),
      digestTime: "12:00",
      digestWeekdays: [1, 2, 3, 4, 5, 6, 7],
      missedDigestCutoff: "18:00",
    });
  }

  const postsTo = (channel: string) => fake.posted.filter((m) => m.channel === channel);

  /** Starts A, lets it claim and begin sending (Slack holds the call), then kills it; answers when. */
  async function killWhileSending(practice: Practice): Promise<number> {
    const a = await serve("instance-A");
    await until("instance A's chat.postMessage", () => fake.heldCount === 1, 60_000);
    const store = createDigestRunStore(db.prisma);
    const runs = await db.prisma.digestRun.findMany({ where: { practiceId: practice.id } });
    expect(runs).toHaveLength(1);
    expect(await store.find(practice.id, runs[0]!.localDate)).toMatchObject({
      status: "claimed",
      claimedBy: "instance-A",
    });
    const exited = new Promise((resolve) => a.once("exit", resolve));
    a.kill("SIGKILL");
    await exited;
    return Date.now();
  }

  it(
    "delivers the digest from the other instance within 60 s of the death, once, when Slack never got it",
    async () => {
      const practice = await duePractice("CKILLED1");
      fake.holdNext("chat.postMessage", 1, { posted: false });
      const killedAt = await killWhileSending(practice);
      await serve("instance-B");

      await until("instance B's delivery", () => postsTo("CKILLED1").length > 0, 90_000);
      const landedAt = postsTo("CKILLED1")[0]!.at;
      expect(landedAt - killedAt).toBeLessThan(60_000);
      await until(
        "the run to be finished",
        async () =>
          (await db.prisma.digestRun.findFirst({ where: { practiceId: practice.id } }))?.status === "delivered",
        10_000,
      );
      expect(await db.prisma.digestRun.findFirst({ where: { practiceId: practice.id } })).toMatchObject({
        status: "delivered",
        claimedBy: "instance-B",
        attempts: 2,
      });
      expect(postsTo("CKILLED1")).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    "does not post again a digest Slack took just before the death: the other instance reads the channel back",
    async () => {
      const practice = await duePractice("CKILLED2");
      fake.holdNext("chat.postMessage", 1, { posted: true });
      const killedAt = await killWhileSending(practice);
      expect(postsTo("CKILLED2")).toHaveLength(1);
      await serve("instance-B");

      await until(
        "the run to be finished by instance B",
        async () =>
          (await db.prisma.digestRun.findFirst({ where: { practiceId: practice.id } }))?.status === "delivered",
        90_000,
      );
      expect(Date.now() - killedAt).toBeLessThan(60_000);
      const run = await db.prisma.digestRun.findFirst({ where: { practiceId: practice.id } });
      expect(run).toMatchObject({ claimedBy: "instance-B", attempts: 2 });
      expect(fake.callsTo("conversations.history").map((c) => c.body["channel"])).toContain("CKILLED2");
      expect(postsTo("CKILLED2")).toHaveLength(1);
    },
    TEST_MS,
  );
});
