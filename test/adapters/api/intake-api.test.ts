// The JSON intake door over real HTTP, on SQLite and PostgreSQL: the routes `serve` mounts, a real
// server on a free port, real fetch requests, and the database read back whole.
import type { Server } from "node:http";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { intakeDoor } from "../../../src/app/serve.ts";
import { newApiToken } from "../../../src/core/intake/api-token.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { createHttpServer, listen } from "../../../src/http/server.ts";
import { allTables } from "../../support/all-tables.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";

const NPI = "1234567893";
const referral = (over: Record<string, unknown> = {}) => ({
  sourceId: "EPIC-1",
  receivedAt: "2026-12-01",
  providerName: "Dr. Jennifer Lee",
  providerNpi: NPI,
  clinic: "Riverside Family Health",
  specialty: "Orthopedics",
  reason: "knee pain",
  ...over,
});

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`POST /api/referrals on ${provider}`, () => {
    let app: TestApp;
    let server: Server;
    let base: string;
    let practice: Practice;
    let token: string;
    let logLines: string[];

    async function tokenFor(p: Practice, label = "EHR feed", sourceSystem = "epic") {
      const made = newApiToken();
      const actor: Actor = { practiceId: p.id, memberId: null, name: "cli", channel: "cli", role: null };
      const { tokenHash, hint } = made;
      const info = await app.apiTokens.create(actor, { practiceId: p.id, label, sourceSystem, tokenHash, hint });
      return { token: made.token, info };
    }

    const post = (body: unknown, opts: { token?: string | null; type?: string; raw?: string } = {}) => {
      const auth = opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` };
      return fetch(`${base}/api/referrals`, {
        method: "POST",
        headers: { "content-type": opts.type ?? "application/json", ...auth },
        body: opts.raw ?? JSON.stringify(body),
      });
    };

    beforeEach(async () => {
      app = await createTestApp({ provider, now: new Date("2026-12-04T15:00:00Z") });
      practice = await app.repos.practices.getOrCreateDefault();
      token = (await tokenFor(practice)).token;
      logLines = [];
      const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
      server = createHttpServer(intakeDoor(app, logger), logger);
      base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
    });
    afterEach(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    });

    it("answers created, updated, unchanged and rejected per item, with zod field paths", async () => {
      const first = await post([referral(), referral({ sourceId: "EPIC-2", providerNpi: "12345" })]);
      expect(first.status).toBe(200);
      const body = (await first.json()) as { results: Array<Record<string, unknown>>; counts: Record<string, number> };
      expect(body.results).toEqual([
        { index: 0, sourceSystem: "epic", sourceId: "EPIC-1", result: "created" },
        {
          index: 1,
          sourceId: "EPIC-2",
          result: "rejected",
          issues: [{ path: "providerNpi", message: "An NPI is 10 digits with a valid check digit" }],
        },
      ]);
      const again = (await (await post(referral())).json()) as { results: Array<{ result: string }> };
      expect(again.results.map((r) => r.result)).toEqual(["unchanged"]);
      const changed = (await (await post(referral({ status: "scheduled", statusDate: "2026-12-10" }))).json()) as {
        results: Array<{ result: string }>;
      };
      expect(changed.results.map((r) => r.result)).toEqual(["updated"]);
      const stored = await app.db.prisma.referral.findMany();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ sourceSystem: "epic", status: "scheduled" });
      const stats = await app.db.prisma.referrerStats.findUniqueOrThrow({
        where: { referrerId: stored[0]!.referrerId },
      });
      expect(stats.referralCount).toBe(1);
    });

    it("stores one referral and one status change for the same request twice and twenty times at once", async () => {
      const request = [referral({ sourceId: "EPIC-7", status: "seen", seenAt: "2026-12-03" })];
      expect((await post(request)).status).toBe(200);
      expect((await post(request)).status).toBe(200);
      const many = await Promise.all(Array.from({ length: 20 }, () => post(request)));
      expect(many.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(await app.db.prisma.referral.count()).toBe(1);
      expect(await app.db.prisma.referrer.count()).toBe(1);
      expect(await app.db.prisma.referralStatusChange.count()).toBe(1);
      // Fresh ones at once too: one referral each, however many copies race.
      const fresh = [referral({ sourceId: "EPIC-8", providerName: "Dr. Sam Okafor", providerNpi: undefined })];
      await Promise.all(Array.from({ length: 20 }, () => post(fresh)));
      expect(await app.db.prisma.referral.count()).toBe(2);
      expect(await app.db.prisma.referrer.count()).toBe(2);
    });

    it("takes full requests of 1,000 referrals and status updates, several at once", async () => {
      const items = Array.from({ length: 1000 }, (_, i) =>
        i % 2 === 0
          ? referral({ sourceId: `BULK-${i}`, providerName: `Dr. Bulk Provider${i % 25}`, providerNpi: undefined })
          : { sourceId: `BULK-${i - 1}`, status: "scheduled", statusDate: "2026-12-15" },
      );
      const others = (n: number) =>
        Array.from({ length: 1000 }, (_, i) => referral({ sourceId: `MORE-${n}-${i}`, providerNpi: undefined }));
      // Those that queue up behind the first are written together: 2,000 source ids in one go.
      const [response, ...rest] = await Promise.all([post(items), post(others(1)), post(others(2))]);
      expect([response!.status, ...rest.map((r) => r.status)]).toEqual([200, 200, 200]);
      const { counts } = (await response!.json()) as { counts: Record<string, number> };
      expect(counts).toEqual({ created: 500, updated: 500, unchanged: 0, pending: 0, rejected: 0 });
      expect(await app.db.prisma.referral.count({ where: { status: "scheduled" } })).toBe(500);
      expect(await app.db.prisma.referral.count()).toBe(2500);
      expect(await app.db.prisma.referralStatusChange.count()).toBe(500);
      expect(await app.db.prisma.referrer.count()).toBe(26);
    });

    it("keeps a status that comes before its referral and applies it when the referral comes", async () => {
      const early = (await (
        await post({ sourceId: "EPIC-3", status: "scheduled", statusDate: "2026-12-12" })
      ).json()) as {
        results: Array<{ result: string }>;
      };
      expect(early.results.map((r) => r.result)).toEqual(["pending"]);
      expect(await app.db.prisma.referral.count()).toBe(0);
      await post(referral({ sourceId: "EPIC-3" }));
      const stored = await app.db.prisma.referral.findFirstOrThrow();
      expect(stored.status).toBe("scheduled");
      expect(stored.scheduledAt?.toISOString()).toBe("2026-12-12T05:00:00.000Z");
      const changes = await app.db.prisma.referralStatusChange.findMany();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ referralId: stored.id, status: "scheduled" });
    });

    it("refuses a missing, unknown or revoked token with 401 and stores nothing", async () => {
      expect((await post(referral(), { token: null })).status).toBe(401);
      expect((await post(referral(), { token: "rn_not-a-token" })).status).toBe(401);
      const other = await tokenFor(practice, "old feed");
      const revoked = await app.apiTokens.revoke(
        { practiceId: practice.id, memberId: null, name: "cli", channel: "cli", role: null },
        practice.id,
        other.info.hint,
      );
      expect(revoked?.revokedAt).not.toBeNull();
      const refused = await post(referral(), { token: other.token });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toContain("Bearer");
      expect(await app.db.prisma.referral.count()).toBe(0);
    });

    it("files a token's referrals under its own practice only", async () => {
      const clinic = await app.repos.practices.create({ name: "Lakeside Ortho" });
      const theirs = await tokenFor(clinic, "Lakeside EHR");
      expect((await post(referral(), { token: theirs.token })).status).toBe(200);
      expect(await app.db.prisma.referral.count({ where: { practiceId: practice.id } })).toBe(0);
      expect(await app.db.prisma.referral.count({ where: { practiceId: clinic.id } })).toBe(1);
    });

    it("answers 413 over 1 MB, 415 for another content type and 400 for bad JSON, never 500", async () => {
      const big = JSON.stringify([referral({ reason: "x".repeat(1_100_000) })]);
      expect((await post(null, { raw: big })).status).toBe(413);
      expect((await post(null, { raw: JSON.stringify(referral()), type: "text/csv" })).status).toBe(415);
      expect((await post(null, { raw: "{not json" })).status).toBe(400);
      expect((await post(null, { raw: "42" })).status).toBe(400);
      const tooMany = await post(Array.from({ length: 1001 }, (_, i) => ({ sourceId: `S${i}`, status: "seen" })));
      expect(tooMany.status).toBe(400);
      const odd = await post([null, 7, "x", { sourceId: { deep: true } }, []]);
      expect(odd.status).toBe(200);
      const results = ((await odd.json()) as { results: Array<{ result: string }> }).results;
      expect(results.map((r) => r.result)).toEqual(Array(5).fill("rejected"));
      expect(await app.db.prisma.referral.count()).toBe(0);
    });

    it("answers 429 with Retry-After over the practice's rate per token", async () => {
      await app.db.prisma.practice.update({ where: { id: practice.id }, data: { apiRequestsPerMinute: 2 } });
      expect((await post(referral())).status).toBe(200);
      expect((await post(referral())).status).toBe(200);
      const limited = await post(referral({ sourceId: "EPIC-LATE" }));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await app.db.prisma.referral.count({ where: { sourceId: "EPIC-LATE" } })).toBe(0);
      // Another token of the practice has its own allowance.
      const second = await tokenFor(practice, "fax import", "fax");
      expect((await post(referral(), { token: second.token })).status).toBe(200);
    });

    it("keeps a patient's name, MRN and birth date out of every table and out of the logs", async () => {
      const name = "Maria Gonzalez-Whitfield";
      const mrn = "MRN88123456";
      const dob = "1961-04-17";
      const response = await post([
        referral({
          sourceId: "EPIC-PHI",
          reason: `Pt ${name} (${mrn}, DOB ${dob}) right knee pain after fall`,
          specialty: `Orthopedics for Gonzalez-Whitfield`,
          clinic: "Riverside Family Health",
          patient: { name, mrn, birthDate: dob },
          patientName: name,
          mrn,
          dob,
          patientRef: mrn,
        }),
        { sourceId: "EPIC-PHI-2", status: `seen ${name}` },
        referral({ sourceId: "EPIC-PHI-3", providerNpi: `${mrn}`, reason: `${name} ${dob}` }),
      ]);
      expect(response.status).toBe(200);
      const results = ((await response.json()) as { results: Array<{ result: string }> }).results;
      expect(results.map((r) => r.result)).toEqual(["created", "rejected", "rejected"]);
      const stored = await app.db.prisma.referral.findFirstOrThrow({ where: { sourceId: "EPIC-PHI" } });
      expect(stored.reason).toContain("right knee pain");
      expect(stored.patientRef).toBe("MRN-…3456");

      const everything = await allTables(app);
      expect(everything).toContain("right knee pain");
      for (const needle of ["Gonzalez", "Whitfield", "Maria", "88123456", "1961-04-17", "1961"]) {
        expect(everything).not.toContain(needle);
        expect(logLines.join("\n")).not.toContain(needle);
      }
      expect(logLines.join("\n")).toContain("referrals received");
    });

    it("serves an OpenAPI description generated from the schema it validates with", async () => {
      const response = await fetch(`${base}/api/openapi.json`);
      expect(response.status).toBe(200);
      const doc = (await response.json()) as {
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: { Referral: { properties: Record<string, unknown>; required: string[] } } };
      };
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toEqual(["/api/referrals"]);
      const referralSchema = doc.components.schemas.Referral;
      expect(Object.keys(referralSchema.properties)).toEqual(
        expect.arrayContaining(["sourceId", "receivedAt", "providerName", "providerNpi", "status", "statusDate"]),
      );
      expect(referralSchema.required).toEqual(["sourceId"]);
    });
  });
}

describe("the intake door as serve runs it", () => {
  it("is mounted on the one HTTP server, closed without a token, and says so at start", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { startServer } = await import("../../../src/app/serve.ts");
    const { loadConfig } = await import("../../../src/config/config.ts");
    const dir = mkdtempSync(join(tmpdir(), "referral-nudge-intake-serve-"));
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const running = await startServer(
      loadConfig({ NODE_ENV: "test", PORT: "0", SCHEDULER: "off", DATABASE_URL: `file:${join(dir, "app.db")}` }),
      logger,
    );
    try {
      const url = `http://127.0.0.1:${running.port}`;
      const anonymous = await fetch(`${url}/api/referrals`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(referral()),
      });
      expect(anonymous.status).toBe(401);
      expect(await running.services.db.prisma.referral.count()).toBe(0);
      expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(lines.join("\n")).toContain("POST /api/referrals");
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
