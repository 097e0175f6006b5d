// Run as its own process by process-guards.test.ts: starts the server as `serve` does, lets a promise
// reject with nothing to catch it (as Bolt's did on `payload=null`), then asks the server whether it
// still answers. Prints the /healthz status; the process would have died before printing without the guard.
import { startServer } from "../../../src/app/serve.ts";
import { loadConfig } from "../../../src/config/config.ts";
import { createLogger } from "../../../src/logging/logger.ts";

const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", SCHEDULER: "off" });
const running = await startServer(config, createLogger("error"));
void Promise.reject(new Error("escaped from a handler"));
await new Promise((resolve) => setTimeout(resolve, 200));
const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
console.log(`healthz ${health.status}`);
await running.stop();
