// Stopping: `npm start` ends on SIGTERM or SIGINT with exit code 0 and leaves no server process behind
// npm, and a stop is not held up by a browser's idle keep-alive connection.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServer } from "../../src/app/serve.ts";
import { loadConfig } from "../../src/config/config.ts";
import { silentLogger } from "../../src/logging/logger.ts";

const dirs: string[] = [];
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "referral-nudge-stop-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts `npm start` and resolves with the port from its "listening" log line. */
function npmStart(): Promise<{ npm: ChildProcess; port: number; exited: Promise<number | null> }> {
  const npm = spawn("npm", ["start", "--silent"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(scratchDir(), "stop.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      SCHEDULER: "off",
      LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      TEAMS_LOCAL: "",
      MICROSOFT_APP_ID: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    npm.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /"port":(\d+)/.exec(out)?.[1];
      if (port) resolve({ npm, port: Number(port), exited });
    });
    npm.stderr?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before listening:\n${out}`)));
  });
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

describe("stopping the bot", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "ends npm start on %s with exit code 0 and no server left running",
    async (signal) => {
      const { npm, port, exited } = await npmStart();
      expect(await answers(port)).toBe(true);
      npm.kill(signal);
      expect(await exited).toBe(0);
      // The server was npm's child: had it been orphaned, it would still answer on its port.
      expect(await answers(port)).toBe(false);
    },
    120_000,
  );

  it("stops at once although a client keeps an idle keep-alive connection open", async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: `file:${join(scratchDir(), "keep-alive.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      SCHEDULER: "off",
      SHUTDOWN_TIMEOUT_MS: "60000",
    });
    const app = await startServer(config, silentLogger());
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request({ port: app.port, host: "127.0.0.1", path: "/healthz", agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      })
        .on("error", reject)
        .end();
    });
    expect(agent.freeSockets).not.toEqual({});
    // With the connection held until the 60 s deadline, this would outlast the test's own 15 s timeout.
    await app.stop();
    agent.destroy();
  }, 15_000);
});
