// GET /metrics and the request log on the real server: off without METRICS_TOKEN, 401 without the token,
// Prometheus text with the request counts by route template when asked properly; one log line per request
// that carries the route, status, duration and platform, never the query string.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningApp, startServer } from "../../src/app/serve.ts";
import { loadConfig } from "../../src/config/config.ts";
import { createLogger } from "../../src/logging/logger.ts";

const TOKEN = "metrics-token-for-tests-0123";
const running: { app: RunningApp; dir: string }[] = [];
afterEach(async () => {
  for (const { app, dir } of running.splice(0)) {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function start(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "referral-nudge-metrics-"));
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: `file:${join(dir, "metrics.db")}`,
    PORT: "0",
    HOST: "127.0.0.1",
    SCHEDULER: "off",
    ...env,
  });
  const app = await startServer(config, createLogger("info", sink));
  running.push({ app, dir });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${app.port}${path}`, { headers });
  return { app, get, lines };
}

describe("GET /metrics", () => {
  it("does not exist unless METRICS_TOKEN is set", async () => {
    const { get } = await start();
    expect((await get("/metrics")).status).toBe(404);
  });

  it("asks for the token, and then gives request counts by route template and platform", async () => {
    const { get } = await start({ METRICS_TOKEN: TOKEN });
    expect((await get("/metrics")).status).toBe(401);
    expect((await get("/metrics", { authorization: "Bearer wrong-token-of-some-length" })).status).toBe(401);
    await get("/livez");
    await get("/slack/events?secret=abc");
    const answer = await get("/metrics", { authorization: `Bearer ${TOKEN}` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/plain");
    const text = await answer.text();
    expect(text).toMatch(
      /referral_nudge_http_requests_total\{route="\/livez",method="GET",status="200",platform="none"\} 1/,
    );
    expect(text).toContain('route="unmatched"');
    expect(text).toContain("referral_nudge_process_resident_memory_bytes");
    expect(text).not.toContain("secret=abc");
  });
});

describe("the request log", () => {
  it("writes one line per request with route, status, duration and platform, and no query string", async () => {
    const { get, lines } = await start();
    await get("/slack/events?code=private-code");
    await expect.poll(() => lines.some((l) => l["msg"] === "request")).toBe(true);
    const line = lines.find((l) => l["msg"] === "request");
    expect(line).toMatchObject({ route: "unmatched", method: "GET", status: 404, platform: "slack" });
    expect(typeof line?.["ms"]).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("private-code");
  });
});
