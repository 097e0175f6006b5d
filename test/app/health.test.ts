// The health endpoints on the real server: /livez answers while the process runs, /readyz only while the
// database answers (so a load balancer stops sending it requests it cannot serve) and again by itself once
// it is back, /healthz says both. The outage is a TCP proxy in front of PostgreSQL, taken down and up.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startServer } from "../../src/app/serve.ts";
import { loadConfig } from "../../src/config/config.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { POSTGRES_TEST_URL } from "../support/test-app.ts";

describe("the health endpoints", () => {
  let dir: string;
  let app: RunningApp;
  const get = (path: string) => fetch(`http://127.0.0.1:${app.port}${path}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "referral-nudge-health-"));
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: `file:${join(dir, "health.db")}`,
      PORT: "0",
      HOST: "127.0.0.1",
      SCHEDULER: "off",
    });
    app = await startServer(config, silentLogger());
  });
  afterAll(async () => {
    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("are all up while the database answers", async () => {
    for (const path of ["/livez", "/readyz", "/healthz"]) expect((await get(path)).status, path).toBe(200);
    expect(await (await get("/readyz")).json()).toEqual({ status: "ready", database: "ok" });
    expect((await get("/readyz")).headers.get("cache-control")).toBe("no-store");
  });

  it("answer /livez whatever the database does", async () => {
    expect(await (await get("/livez")).json()).toEqual({ status: "ok" });
  });
});

describe.skipIf(!POSTGRES_TEST_URL)("the health endpoints through a PostgreSQL outage", () => {
  let proxy: TcpProxy;
  let app: RunningApp;
  let dropDatabase: () => Promise<void>;
  const get = (path: string) => fetch(`http://127.0.0.1:${app.port}${path}`);

  beforeAll(async () => {
    const base = new URL(POSTGRES_TEST_URL as string);
    const name = `rn_health_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
    proxy = await startTcpProxy({ host: base.hostname, port: Number(base.port || 5432) });
    const url = new URL(POSTGRES_TEST_URL as string);
    url.port = String(proxy.port);
    url.pathname = `/${name}`;
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: url.toString(),
      PORT: "0",
      HOST: "127.0.0.1",
      SCHEDULER: "off",
    });
    app = await startServer(config, silentLogger());
  }, 60_000);
  afterAll(async () => {
    proxy.up();
    await app?.stop();
    await proxy?.close();
    await dropDatabase?.();
  });

  it("turns /readyz to 503 within seconds while the database is unreachable, and back to 200 by itself after", async () => {
    expect((await get("/readyz")).status).toBe(200);
    proxy.down();
    const started = Date.now();
    expect((await get("/readyz")).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await get("/livez")).status).toBe(200);
    proxy.up();
    await expect.poll(async () => (await get("/readyz")).status, { timeout: 10_000, interval: 200 }).toBe(200);
  }, 30_000);
});
