// Scale-out on PostgreSQL: 10,000 practices on one database, three real `serve` processes (the compiled
// build), every digest due in the same minute, a fake Slack that takes one message per second per channel
// (and answers 429 with Retry-After), and one instance killed with SIGKILL a third of the way through.
// Counts what Slack received: each practice's channel should get its digest once, within 5 minutes.
// Not part of the default `npm run bench` (it takes about as long as it promises): `npm run bench -- fleet`.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { applyMigrations } from "../src/db/migrate.ts";
import { startPacedSlack } from "./paced-slack.ts";
import type { Figure } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SERVER = process.env.FLEET_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PRACTICES = Number(process.env.FLEET_PRACTICES ?? 10_000);
const INSTANCES = 3;
const REFERRERS_PER_PRACTICE = 3;
const REFERRALS_PER_PRACTICE = 5;
const TARGET_MS = 5 * 60_000;
/** How long past the due minute to keep counting before giving up on the rest. */
const GIVE_UP_MS = TARGET_MS + 90_000;
/** After the last delivery, how long to keep listening for a late duplicate (a takeover after a kill). */
const LISTEN_AFTER_MS = 45_000;

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function onServer<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fixed-offset zone where it is working hours now, so the run never straddles a local midnight. */
function workingHoursZone(now: Date): { zone: string; offsetHours: number } {
  for (let offset = -12; offset <= 14; offset++) {
    const localHour = (now.getUTCHours() + offset + 24) % 24;
    if (localHour >= 8 && localHour <= 15) {
      // Etc/GMT zones have the sign the other way round: Etc/GMT-3 is UTC+3.
      return {
        zone: offset === 0 ? "Etc/UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`,
        offsetHours: offset,
      };
    }
  }
  throw new Error("no zone in working hours (cannot happen)");
}

const hhmm = (hour: number, minute: number) => `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;

/**
 * Every practice due at `dueAt` (its local digest time in `zone`), with its own Slack workspace and
 * channel, a few referrers and referrals: a handful of INSERT … SELECT over generate_series, not a
 * call per row. Their next digest time is already set, as the day before would have left it.
 */
async function seed(url: string, dueAt: Date, zone: string, offsetHours: number): Promise<void> {
  const local = new Date(dueAt.getTime() + offsetHours * 3_600_000);
  const digestTime = hhmm(local.getUTCHours(), local.getUTCMinutes());
  const cutoff = hhmm(Math.min(23, local.getUTCHours() + 3), 59);
  await onServer(url, async (c) => {
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "Practice" ("id", "name", "timeZone", "digestTime", "digestWeekdays", "missedDigestCutoff", "nextDigestAt", "updatedAt")
       SELECT 'p' || i, 'Fleet practice ' || i, $2, $3, '1,2,3,4,5,6,7', $4, $5, now()
       FROM generate_series(1, $1) AS i`,
      [PRACTICES, zone, digestTime, cutoff, dueAt],
    );
    await c.query(
      `INSERT INTO "ChatWorkspace" ("id", "practiceId", "platform", "externalId", "name", "digestConversation", "updatedAt")
       SELECT 'w' || i, 'p' || i, 'slack', 'T' || i, 'Fleet ' || i, 'C' || i, now()
       FROM generate_series(1, $1) AS i`,
      [PRACTICES],
    );
    await c.query(
      `INSERT INTO "Referrer" ("id", "practiceId", "displayName", "firstName", "lastName", "specialty", "updatedAt")
       SELECT 'r' || i || '-' || j, 'p' || i, 'Dr. Fleet ' || j, 'Ana', 'Fleet' || j, 'primary care', now()
       FROM generate_series(1, $1) AS i, generate_series(1, $2) AS j`,
      [PRACTICES, REFERRERS_PER_PRACTICE],
    );
    await c.query(
      `INSERT INTO "Referral" ("id", "practiceId", "referrerId", "sourceId", "receivedAt", "reason", "updatedAt")
       SELECT 'f' || i || '-' || k, 'p' || i, 'r' || i || '-' || (1 + k % $3), 'src-' || k,
              $4::timestamp - (k || ' hours')::interval, 'knee pain', now()
       FROM generate_series(1, $1) AS i, generate_series(1, $2) AS k`,
      [PRACTICES, REFERRALS_PER_PRACTICE, REFERRERS_PER_PRACTICE, dueAt.toISOString()],
    );
    await c.query("COMMIT");
    await c.query('ANALYZE "Practice", "ChatWorkspace", "Referrer", "Referral"');
  });
}

interface Instance {
  name: string;
  child: ChildProcess;
  port: number;
  stderr: string[];
}

function startInstance(name: string, port: number, databaseUrl: string, slackApiUrl: string): Instance {
  const child = spawn(process.execPath, [join(ROOT, "bin/referral-nudge.mjs"), "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      INSTANCE_ID: name,
      SCHEDULER: "on",
      LOG_LEVEL: "warn",
      SLACK_BOT_TOKEN: "xoxb-fleet-bench",
      SLACK_SIGNING_SECRET: "fleet-bench-signing-secret",
      SLACK_API_URL: slackApiUrl,
      SLACK_APP_TOKEN: "",
      SLACK_CLIENT_ID: "",
      MICROSOFT_APP_ID: "",
      TEAMS_LOCAL: "",
      METRICS_TOKEN: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 50) stderr.push(chunk.toString());
  });
  return { name, child, port, stderr };
}

async function untilReady(instance: Instance, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null) {
      throw new Error(`${instance.name} exited with ${instance.child.exitCode}: ${instance.stderr.join("")}`);
    }
    const ready = await fetch(`http://127.0.0.1:${instance.port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await sleep(100);
  }
  throw new Error(`${instance.name} was not ready within ${deadlineMs / 1000} s`);
}

/** CPU seconds (user and system) the process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The instance's peak resident memory so far, from /proc (Linux), in MB. */
function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return hwm ? Number(hwm[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once("exit", resolve));
  instance.child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill("SIGKILL");
}

export async function benchFleet(): Promise<Figure[]> {
  await run(process.execPath, [join(ROOT, "scripts/build.mjs"), "--if-stale"], { cwd: ROOT });
  const name = `referral_nudge_fleet_${randomBytes(4).toString("hex")}`;
  await onServer(SERVER, (c) => c.query(`CREATE DATABASE "${name}"`));
  const parsed = new URL(SERVER);
  parsed.pathname = `/${name}`;
  const databaseUrl = parsed.toString();
  const slack = await startPacedSlack();
  const instances: Instance[] = [];
  try {
    await applyMigrations(databaseUrl);
    const seedStarted = performance.now();
    // The due minute: the next whole minute at least 40 s away, time enough to start three instances.
    const now = new Date();
    const dueAt = new Date(Math.ceil((now.getTime() + 40_000) / 60_000) * 60_000);
    const { zone, offsetHours } = workingHoursZone(dueAt);
    await seed(databaseUrl, dueAt, zone, offsetHours);
    const seedS = (performance.now() - seedStarted) / 1000;

    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    for (let i = 0; i < INSTANCES; i++) {
      instances.push(startInstance(`fleet-${i + 1}`, ports[i]!, databaseUrl, slack.apiUrl));
    }
    await Promise.all(instances.map((i) => untilReady(i)));
    const startedBy = Date.now();

    const delivered = () => slack.accepted.size;
    const victim = instances[1]!;
    let killedAt: number | null = null;
    let killedWithPeak: number | null = null;
    let killedWithCpu: number | null = null;
    let lastLanded = 0;
    const giveUpAt = dueAt.getTime() + GIVE_UP_MS;
    for (;;) {
      await sleep(200);
      if (killedAt === null && delivered() >= PRACTICES / 3) {
        killedWithPeak = peakRssMb(victim.child.pid);
        killedWithCpu = cpuSeconds(victim.child.pid);
        victim.child.kill("SIGKILL");
        killedAt = Date.now();
      }
      for (const times of slack.accepted.values()) for (const t of times) lastLanded = Math.max(lastLanded, t);
      const everyone = delivered() >= PRACTICES;
      const quietSince = Date.now() - lastLanded;
      if (everyone && killedAt !== null && quietSince > 2_000 && Date.now() - killedAt > LISTEN_AFTER_MS) break;
      if (Date.now() > giveUpAt) break;
      for (const i of instances) {
        if (i !== victim && i.child.exitCode !== null) throw new Error(`${i.name} died: ${i.stderr.join("")}`);
      }
    }

    const peaks = instances.map((i) => (i === victim ? killedWithPeak : peakRssMb(i.child.pid)));
    const cpu = instances.map((i) => (i === victim ? killedWithCpu : cpuSeconds(i.child.pid)));
    const cpuTotal = cpu.reduce<number>((sum, c) => sum + (c ?? 0), 0);
    let duplicated = 0;
    for (const times of slack.accepted.values()) duplicated += times.length - 1;
    const got = delivered();
    const missing = PRACTICES - got;
    const lastS = (lastLanded - dueAt.getTime()) / 1000;
    const runs = await onServer(databaseUrl, (c) =>
      c.query<{ claimedBy: string; runs: string; takenOver: string }>(
        `SELECT "claimedBy", count(*) AS runs, count(*) FILTER (WHERE "attempts" > 1) AS "takenOver"
         FROM "DigestRun" GROUP BY "claimedBy" ORDER BY "claimedBy"`,
      ),
    );
    const byInstance = runs.rows.map((r) => `${r.claimedBy} ${r.runs}`).join(", ");
    const takenOver = runs.rows.reduce((sum, r) => sum + Number(r.takenOver), 0);
    return [
      {
        name: `fleet: seed ${PRACTICES.toLocaleString("en")} practices (bulk SQL)`,
        value: `${seedS.toFixed(1)} s`,
      },
      {
        name: `fleet: ${INSTANCES} instances ready, due minute`,
        value: `${((dueAt.getTime() - startedBy) / 1000).toFixed(0)} s ahead`,
      },
      {
        name: "fleet: delivered",
        value: `${got.toLocaleString("en")} of ${PRACTICES.toLocaleString("en")}`,
        target: `${PRACTICES.toLocaleString("en")}`,
        pass: got === PRACTICES,
      },
      { name: "fleet: duplicated", value: String(duplicated), target: "0", pass: duplicated === 0 },
      { name: "fleet: missing", value: String(missing), target: "0", pass: missing === 0 },
      {
        name: "fleet: last digest landed, after the due minute",
        value: lastLanded ? `${lastS.toFixed(1)} s` : "none",
        target: "< 300 s",
        pass: lastLanded > 0 && lastS < TARGET_MS / 1000,
      },
      {
        name: `fleet: ${victim.name} killed (SIGKILL), after the due minute`,
        value: killedAt ? `${((killedAt - dueAt.getTime()) / 1000).toFixed(1)} s` : "never",
      },
      { name: "fleet: runs claimed, by the instance holding them last", value: byInstance || "none" },
      { name: "fleet: runs taken over from the killed instance", value: String(takenOver) },
      { name: "fleet: channels read back before a resend", value: String(slack.historyReads.count) },
      {
        name: "fleet: 429s answered (faster than 1/s, injected)",
        value: `${slack.rateLimited.pacing}, ${slack.rateLimited.injected}`,
      },
      {
        name: "fleet: CPU used by the instances, per digest delivered",
        value: `${cpuTotal.toFixed(0)} s, ${slack.accepted.size ? ((cpuTotal * 1000) / slack.accepted.size).toFixed(1) : "?"} ms`,
      },
      {
        name: "fleet: peak RSS per instance",
        value: peaks.map((p) => (p === null ? "?" : `${p.toFixed(0)} MB`)).join(", "),
      },
    ];
  } finally {
    await Promise.allSettled(instances.map(stopInstance));
    await slack.close();
    await onServer(SERVER, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {});
  }
}
