// Try the Teams bot with no Microsoft account: starts the bot and the Microsoft 365 Agents
// Playground (a local Teams-like client with its own mock connector), prints the URL to open,
// and stops both on Ctrl-C.
//   npm run playground
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { config as loadDotenv } from "dotenv";
import { startServer } from "../src/app/serve.ts";
import { loadConfig, teamsMode } from "../src/config/config.ts";
import { createLogger } from "../src/logging/logger.ts";

export const BOT_PORT = 3978;
export const PLAYGROUND_PORT = 56150;

export interface RunningPlayground {
  /** Open this in a browser. */
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the Agents Playground pointed at the bot. It picks another port silently when the asked one
 * is taken, so the port is read from its "Listening on N" line rather than assumed.
 */
export async function startPlayground(opts: {
  botUrl: string;
  port?: number;
  onOutput?: (line: string) => void;
  timeoutMs?: number;
}): Promise<RunningPlayground> {
  const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  const args = [
    cli,
    "-e",
    opts.botUrl,
    "-c",
    "msteams",
    "-p",
    String(opts.port ?? PLAYGROUND_PORT),
    "--disable-telemetry",
  ];
  // BROWSER=none: it would otherwise try to open a browser on this machine.
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", BROWSER: "none" },
    stdio: ["ignore", "pipe", "pipe"],
  });

  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the Agents Playground did not start listening in time")),
      opts.timeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split(/\r?\n/)) {
        if (line.trim()) opts.onOutput?.(line);
        const match = /Listening on (\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolvePort(Number(match[1]));
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the Agents Playground exited early (code ${code})`));
    });
  });

  return {
    url: `http://localhost:${port}`,
    port,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

interface RunningBot {
  botUrl: string;
  stop(): Promise<void>;
}

/** The whole bot, as `serve` runs it, on the Playground's usual port unless PORT says otherwise. */
async function startBot(): Promise<RunningBot> {
  loadDotenv({ quiet: true });
  // Local mode is asked for here, and only here: it binds the server to this machine.
  const config = loadConfig({ ...process.env, TEAMS_LOCAL: "1", PORT: process.env.PORT ?? String(BOT_PORT) });
  if (teamsMode(config) !== "local") {
    throw new Error(
      "The Agents Playground talks to the bot without Microsoft sign-in, so Teams must be in local mode: " +
        "unset MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for this run.",
    );
  }
  const running = await startServer(config, createLogger(config.LOG_LEVEL));
  return { botUrl: `http://127.0.0.1:${running.port}/api/messages`, stop: () => running.stop() };
}

async function main(): Promise<void> {
  const bot = await startBot();
  const playground = await startPlayground({ botUrl: bot.botUrl });
  console.log(`\nAgents Playground is ready: open ${playground.url}`);
  console.log(`The bot listens on ${bot.botUrl}. Try "help", "nudges" or "digest here". Ctrl-C stops both.\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the Playground and the bot…");
    await Promise.allSettled([playground.stop(), bot.stop()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  playground.process.once("exit", () => void stop());
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
