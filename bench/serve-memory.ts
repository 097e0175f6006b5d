// `serve` as an operator runs it (the compiled build, a real process), over a practice of 10,000
// referrers, driven by 30,000 mixed chat requests: signed Slack slash commands and button clicks,
// Teams messages and Action.Execute clicks. Its RSS is read from /proc/<pid>/status as it goes.
// Seeding happens in a process of the benchmark's own, so the figure is the server's alone.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createServices } from "../src/app/create-services.ts";
import { openDatabase } from "../src/db/database.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { startFakeConnector } from "../test/support/fake-connector.ts";
import { startFakeSlackApi } from "../test/support/fake-slack-api.ts";
import { sendButtonClick, sendSlashCommand } from "../test/support/slack-requests.ts";
import { cardActionActivity, DEFAULT_TENANT, messageActivity, postActivity } from "../test/support/teams-requests.ts";
import { rssFigures, rssOfPidMb, sampleRss } from "./rss.ts";
import { seedChatPracticeApart } from "./seed-chat-process.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REQUESTS = Number(process.env.BENCH_SERVE_REQUESTS ?? 30_000);
/** Requests in flight at once, as a few busy users would send them. */
const CONCURRENCY = 4;
const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const TEAM = { teamId: "T0CLINIC", teamDomain: "clinic" };

async function seed(url: string) {
  await applyMigrations(url);
  // Seeded by a process of its own, like the chat sections: this process then only sends requests.
  const fixture = await seedChatPracticeApart(url, { platform: "slack", externalId: TEAM.teamId });
  const db = await openDatabase(url);
  try {
    // The Teams tenant joins the same practice: one practice of 10,000 referrers, both platforms.
    await createServices(db).repos.workspaces.linkToPractice("teams", DEFAULT_TENANT, fixture.practiceId);
    return fixture;
  } finally {
    await db.close();
  }
}

async function waitHealthy(port: number, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("serve did not become ready within 60 s");
}

export async function benchServeMemory(): Promise<Figure[]> {
  await promisify(execFile)(process.execPath, [join(ROOT, "scripts/build.mjs"), "--if-stale"], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), "rn-bench-serve-"));
  const url = `file:${join(dir, "serve.db")}`;
  const fake = await startFakeSlackApi();
  const connector = await startFakeConnector();
  const port = 39_000 + (process.pid % 900);
  let child: ReturnType<typeof spawn> | undefined;
  try {
    const { uniqueNames, nudgeIds, runId } = await seed(url);
    child = spawn(process.execPath, [join(ROOT, "dist/cli/main.js"), "serve"], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: url,
        PORT: String(port),
        HOST: "127.0.0.1",
        SCHEDULER: "off",
        LOG_LEVEL: "warn",
        SLACK_BOT_TOKEN: "xoxb-bench-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        TEAMS_LOCAL: "1",
        // To compare V8 settings, e.g. BENCH_SERVE_NODE_OPTIONS=--max-semi-space-size=16 (a smaller young generation).
        ...(process.env.BENCH_SERVE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVE_NODE_OPTIONS } : {}),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitHealthy(port, child);
    const pid = child.pid as number;
    const slackUrl = `http://127.0.0.1:${port}/slack/events`;
    const teamsUrl = `http://127.0.0.1:${port}/api/messages`;
    const sign = { signingSecret: SIGNING_SECRET };
    const base = { serviceUrl: connector.serviceUrl };

    // One request of each kind in turn, each against a different referrer or nudge.
    const send = async (i: number): Promise<number> => {
      const name = uniqueNames[i % uniqueNames.length];
      const click = { n: nudgeIds[i % nudgeIds.length], r: runId };
      switch (i % 4) {
        case 0:
          return (
            await sendSlashCommand(
              slackUrl,
              { ...TEAM, command: "/called", text: `${name} about the knee patient`, responseUrl: fake.responseUrl() },
              sign,
            )
          ).status;
        case 1:
          return (
            await sendButtonClick(
              slackUrl,
              { ...TEAM, actionId: "nudge.done#0", value: JSON.stringify(click), responseUrl: fake.responseUrl() },
              sign,
            )
          ).status;
        case 2:
          return (await postActivity(teamsUrl, messageActivity(`called ${name} about the knee patient`, base))).status;
        default:
          return (
            await postActivity(
              teamsUrl,
              cardActionActivity(
                { verb: "nudge.done", data: { value: JSON.stringify(click) }, replyToId: `m${i}` },
                base,
              ),
            )
          ).status;
      }
    };

    const sampler = sampleRss(() => rssOfPidMb(pid), 100);
    const times: number[] = [];
    let next = 0;
    let failed = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t0 = performance.now();
        const status = await send(i);
        times.push(performance.now() - t0);
        if (status >= 300) failed++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    // Work done after an ack (Slack's response_url posts) finishes before the last sample.
    await new Promise((r) => setTimeout(r, 1_000));
    const curve = sampler.stop();
    const t = summarize(times);
    return [
      {
        name: `serve process: ${REQUESTS.toLocaleString("en")} mixed Slack and Teams requests`,
        value: `${seconds.toFixed(0)} s`,
      },
      { name: "serve process: round trip p50 / p99", value: `${ms(t.p50)} / ${ms(t.p99)}` },
      {
        name: "serve process: requests answered with an error",
        value: String(failed),
        target: "0",
        pass: failed === 0,
      },
      ...rssFigures("serve process, 10,000 referrers", curve),
    ];
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await fake.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
