// The FHIR R4 door over real HTTP, on SQLite and PostgreSQL: the routes `serve` mounts, a real server on a
// free port, real fetch requests with resources shaped like the specification's and the referral guides'
// examples (test/fixtures/fhir), and the database read back whole.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Bundle, CapabilityStatement, OperationOutcome } from "@medplum/fhirtypes";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fhirDoor } from "../../../src/app/serve.ts";
import { newApiToken } from "../../../src/core/intake/api-token.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { createHttpServer, listen } from "../../../src/http/server.ts";
import { allTables } from "../../support/all-tables.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "fhir");
const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as T;

const expressionsOf = (outcome: OperationOutcome) => outcome.issue.flatMap((i) => i.expression ?? []);
const errorsOf = (outcome: OperationOutcome) => outcome.issue.filter((i) => i.severity === "error");

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`the FHIR door on ${provider}`, () => {
    let app: TestApp;
    let server: Server;
    let base: string;
    let practice: Practice;
    let token: string;
    let logLines: string[];

    async function tokenFor(p: Practice, label = "Epic FHIR", sourceSystem = "epic") {
      const made = newApiToken();
      const actor: Actor = { practiceId: p.id, memberId: null, name: "cli", channel: "cli", role: null };
      const { tokenHash, hint } = made;
      await app.apiTokens.create(actor, { practiceId: p.id, label, sourceSystem, tokenHash, hint });
      return made.token;
    }

    const send = (
      method: "POST" | "PUT" | "GET",
      path: string,
      body?: unknown,
      opts: { token?: string | null; type?: string; raw?: string } = {},
    ) => {
      const auth = opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` };
      return fetch(`${base}${path}`, {
        method,
        headers: { "content-type": opts.type ?? "application/fhir+json", accept: "application/fhir+json", ...auth },
        ...(method === "GET" ? {} : { body: opts.raw ?? JSON.stringify(body) }),
      });
    };
    const json = async <T = OperationOutcome>(response: Response) => (await response.json()) as T;

    beforeEach(async () => {
      app = await createTestApp({ provider, now: new Date("2026-12-04T15:00:00Z") });
      practice = await app.repos.practices.getOrCreateDefault();
      token = await tokenFor(practice);
      logLines = [];
      const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
      server = createHttpServer(fhirDoor(app, logger), logger);
      base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
    });
    afterEach(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    });

    it("stores the specification-shaped ServiceRequest as a referral from its requester's NPI, clinic and reason", async () => {
      const response = await send("POST", "/fhir/ServiceRequest", fixture("servicerequest-example"));
      expect(response.status).toBe(201);
      expect(response.headers.get("content-type")).toContain("application/fhir+json");
      expect(response.headers.get("location")).toBe("ServiceRequest/servicerequest-example");
      const outcome = await json(response);
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(outcome.issue[0]).toMatchObject({ severity: "information" });

      const referral = await app.db.prisma.referral.findFirstOrThrow({ include: { referrer: true } });
      expect(referral).toMatchObject({
        sourceId: "servicerequest-example",
        sourceSystem: "epic",
        status: "received",
        specialty: "Orthopedics",
        patientRef: "MRN-…3456",
      });
      expect(referral.receivedAt.toISOString()).toBe("2026-12-01T14:30:00.000Z");
      expect(referral.reason).toContain("Referral to orthopedic surgery");
      expect(referral.reason).toContain("Right knee pain after a fall");
      expect(referral.referrer).toMatchObject({
        displayName: "Dr. Jennifer Lee",
        npi: "1234567893",
        clinic: "Riverside Family Health",
      });
    });

    it("moves the referral along with Tasks: an appointment makes it scheduled, a completed Task with a consult note seen and reported", async () => {
      await send("POST", "/fhir/ServiceRequest", fixture("servicerequest-example"));
      const booked = await send(
        "PUT",
        "/fhir/Task/referral-task-servicerequest-example",
        fixture("task-in-progress-appointment"),
      );
      expect(booked.status).toBe(200);
      let referral = await app.db.prisma.referral.findFirstOrThrow();
      expect(referral.status).toBe("scheduled");
      expect(referral.scheduledAt?.toISOString()).toBe("2026-12-10T19:00:00.000Z");

      const done = await send(
        "PUT",
        "/fhir/Task/referral-task-servicerequest-example",
        fixture("task-completed-consult-note"),
      );
      expect(done.status).toBe(200);
      referral = await app.db.prisma.referral.findFirstOrThrow();
      expect(referral.status).toBe("seen");
      expect(referral.seenAt?.toISOString()).toBe("2026-12-10T19:30:00.000Z");
      expect(referral.reportSentAt?.toISOString()).toBe("2026-12-11T13:15:00.000Z");
      const changes = await app.db.prisma.referralStatusChange.findMany({ orderBy: { occurredAt: "asc" } });
      expect(changes.map((c) => c.status)).toEqual(["scheduled", "seen"]);
    });

    it("keeps a Task that comes before its ServiceRequest and applies it when the ServiceRequest comes", async () => {
      const early = await send("POST", "/fhir/Task", fixture("task-in-progress-appointment"));
      expect(early.status).toBe(200);
      expect(JSON.stringify(await json(early))).toContain("kept until its ServiceRequest arrives");
      expect(await app.db.prisma.referral.count()).toBe(0);
      await send("PUT", "/fhir/ServiceRequest/servicerequest-example", fixture("servicerequest-example"));
      const referral = await app.db.prisma.referral.findFirstOrThrow();
      expect(referral.status).toBe("scheduled");
    });

    it("answers a requested or accepted Task without an appointment as read, changing nothing", async () => {
      await send("POST", "/fhir/ServiceRequest", fixture("servicerequest-example"));
      const task: Record<string, unknown> = { ...fixture("task-in-progress-appointment"), status: "accepted" };
      delete task.contained;
      delete task.output;
      const response = await send("POST", "/fhir/Task", task);
      expect(response.status).toBe(200);
      expect(JSON.stringify(await json(response))).toContain("once the Task has an appointment");
      expect((await app.db.prisma.referral.findFirstOrThrow()).status).toBe("received");
      expect(await app.db.prisma.referralStatusChange.count()).toBe(0);
    });

    it("stores a transaction Bundle's referral with its PractitionerRole, Practitioner, Organization and Condition resolved by urn:uuid", async () => {
      const response = await send("POST", "/fhir", fixture("bundle-transaction-referral"));
      expect(response.status).toBe(200);
      const answer = await json<Bundle>(response);
      expect(answer.type).toBe("transaction-response");
      expect(answer.entry?.map((e) => e.response?.status)).toEqual([
        "201 Created",
        "200 OK",
        "200 OK",
        "200 OK",
        "200 OK",
        "200 OK",
        "200 OK",
      ]);
      expect(answer.entry?.[0]?.response?.location).toBe("ServiceRequest/EREF-88412");
      expect(JSON.stringify(answer.entry?.[6])).toContain("Not read");

      const referral = await app.db.prisma.referral.findFirstOrThrow({ include: { referrer: true } });
      expect(referral).toMatchObject({ sourceId: "EREF-88412", patientRef: "MRN-…1234" });
      expect(referral.reason).toContain("Referral to cardiology service");
      expect(referral.reason).toContain("atrial fibrillation");
      expect(referral.reason).not.toContain("Thornbury");
      expect(referral.referrer).toMatchObject({
        displayName: "Dr. Samuel Okafor",
        npi: "1456789019",
        clinic: "Lakeside Internal Medicine",
      });

      // 360X answers by identifier: a rejected Task basedOn the referral's placer number cancels it.
      const rejected = await send("POST", "/fhir/Task", fixture("task-rejected"));
      expect(rejected.status).toBe(200);
      const cancelled = await app.db.prisma.referral.findFirstOrThrow();
      expect(cancelled.status).toBe("cancelled");
      expect(cancelled.cancelledAt?.toISOString()).toBe("2026-12-03T21:45:00.000Z");
    });

    it("answers a batch Bundle entry by entry: relative references resolved, a bad entry refused alone", async () => {
      const response = await send("POST", "/fhir", fixture("bundle-batch-referrals"));
      expect(response.status).toBe(200);
      const answer = await json<Bundle>(response);
      expect(answer.type).toBe("batch-response");
      expect(answer.entry?.map((e) => e.response?.status)).toEqual([
        "201 Created",
        "201 Created",
        "400 Bad Request",
        "200 OK",
        "200 OK",
        "200 OK",
      ]);
      const refused = answer.entry?.[2]?.response?.outcome as OperationOutcome;
      expect(expressionsOf(refused)).toEqual(["Bundle.entry[2].resource.requester"]);
      const referrals = await app.db.prisma.referral.findMany({
        include: { referrer: true },
        orderBy: { sourceId: "asc" },
      });
      expect(referrals.map((r) => [r.sourceId, r.status, r.referrer.displayName, r.referrer.clinic])).toEqual([
        ["sr-1001", "scheduled", "Dr. Priya Raman", "Hillcrest Primary Care"],
        ["sr-1002", "received", "Dr. Priya Raman", "Hillcrest Primary Care"],
      ]);
      expect(referrals[0]!.scheduledAt?.toISOString()).toBe("2026-12-15T15:00:00.000Z");
      expect(await app.db.prisma.referrer.count()).toBe(1);
    });

    it("finds a ServiceRequest updated without an id in its body by the id in its entry's url", async () => {
      const bundle = fixture<Bundle>("bundle-batch-referrals");
      const [first] = bundle.entry!;
      delete first!.resource!.id;
      const task = bundle.entry![5]!.resource as { basedOn: Array<{ reference: string }> };
      task.basedOn = [{ reference: first!.fullUrl! }];
      const answer = await json<Bundle>(await send("POST", "/fhir", bundle));
      expect(answer.entry?.[5]?.response?.status).toBe("200 OK");
      const referral = await app.db.prisma.referral.findFirstOrThrow({ where: { sourceId: "sr-1001" } });
      expect(referral.status).toBe("scheduled");
    });

    it("never reads an entry that is not valid FHIR: the referral that points at it is refused too", async () => {
      const bundle = { ...fixture<Bundle>("bundle-transaction-referral"), type: "batch" as const };
      const patient = bundle.entry![4]!.resource as unknown as Record<string, unknown>;
      patient.name = "Eleanor Thornbury";
      const answer = await json<Bundle>(await send("POST", "/fhir", bundle));
      const statuses = answer.entry?.map((e) => e.response?.status);
      expect(statuses?.[0]).toBe("400 Bad Request");
      expect(statuses?.[4]).toBe("400 Bad Request");
      expect(expressionsOf(answer.entry![0]!.response!.outcome as OperationOutcome)).toEqual([
        "Bundle.entry[0].resource.subject",
      ]);
      const patientProblems = expressionsOf(answer.entry![4]!.response!.outcome as OperationOutcome);
      expect(patientProblems.length).toBeGreaterThan(0);
      expect(patientProblems.every((e) => e.startsWith("Bundle.entry[4].resource.name"))).toBe(true);
      const practitioner = bundle.entry![2]!.resource as unknown as Record<string, unknown>;
      patient.name = [{ family: "Thornbury" }];
      practitioner.identifier = "1456789019";
      const again = await json<Bundle>(await send("POST", "/fhir", bundle));
      expect(expressionsOf(again.entry![0]!.response!.outcome as OperationOutcome)).toEqual([
        "Bundle.entry[1].resource.practitioner",
      ]);
      expect(await app.db.prisma.referral.count()).toBe(0);
    });

    it("refuses malformed resources with an OperationOutcome at the element, storing nothing", async () => {
      const wrongType = await send("POST", "/fhir/ServiceRequest", { resourceType: "Patient", id: "x" });
      expect(wrongType.status).toBe(400);
      expect(expressionsOf(await json(wrongType))).toEqual(["resourceType"]);

      const noRequester = await send("POST", "/fhir/ServiceRequest", fixture("servicerequest-no-requester"));
      expect(noRequester.status).toBe(400);
      expect(expressionsOf(await json(noRequester))).toEqual(["ServiceRequest.requester"]);

      const badNpi = await send("POST", "/fhir/ServiceRequest", fixture("servicerequest-bad-npi"));
      expect(badNpi.status).toBe(400);
      const npiOutcome = await json(badNpi);
      expect(expressionsOf(npiOutcome)).toEqual(["ServiceRequest.contained[0].identifier[0].value"]);
      expect(errorsOf(npiOutcome)[0]?.details?.text).toContain("NPI");

      const invalid = await send("POST", "/fhir/ServiceRequest", fixture("servicerequest-invalid-structure"));
      expect(invalid.status).toBe(400);
      expect(expressionsOf(await json(invalid)).sort()).toEqual([
        "ServiceRequest.authoredOn",
        "ServiceRequest.reasonText",
      ]);

      const noBasedOn = await send("POST", "/fhir/Task", {
        resourceType: "Task",
        status: "completed",
        intent: "order",
      });
      expect(noBasedOn.status).toBe(400);
      expect(expressionsOf(await json(noBasedOn))).toEqual(["Task.basedOn"]);

      const otherId = await send("PUT", "/fhir/ServiceRequest/other-id", fixture("servicerequest-example"));
      expect(otherId.status).toBe(400);
      expect(expressionsOf(await json(otherId))).toEqual(["ServiceRequest.id"]);

      const notABundle = await send("POST", "/fhir", { resourceType: "Bundle", type: "collection", entry: [] });
      expect(notABundle.status).toBe(400);
      expect(expressionsOf(await json(notABundle))).toEqual(["Bundle.type"]);

      expect(await app.db.prisma.referral.count()).toBe(0);
      expect(await app.db.prisma.referrer.count()).toBe(0);
      expect(await app.db.prisma.referralStatusChange.count()).toBe(0);
    });

    it("stores nothing of a transaction with an invalid reference, and says which entry", async () => {
      const response = await send("POST", "/fhir", fixture("bundle-transaction-invalid-reference"));
      expect(response.status).toBe(400);
      const outcome = await json(response);
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(errorsOf(outcome).flatMap((i) => i.expression)).toEqual(["Bundle.entry[0].resource.requester"]);
      expect(errorsOf(outcome)[0]?.details?.text).toContain("urn:uuid:a8b2c4d6");
      expect(await app.db.prisma.referral.count()).toBe(0);
      expect(await app.db.prisma.referrer.count()).toBe(0);
      expect(await app.db.prisma.auditEvent.count({ where: { action: "referrals.receive" } })).toBe(0);

      // The same as a batch: the good entry is stored, the bad one refused.
      const batch = { ...fixture("bundle-transaction-invalid-reference"), type: "batch" };
      const answer = await json<Bundle>(await send("POST", "/fhir", batch));
      expect(answer.entry?.map((e) => e.response?.status)).toEqual(["400 Bad Request", "201 Created", "200 OK"]);
      expect(await app.db.prisma.referral.count()).toBe(1);
    });

    it("answers 401, 415, 413, 400, 404 and 429 as OperationOutcomes, never 500", async () => {
      const example = fixture("servicerequest-example");
      const anonymous = await send("POST", "/fhir/ServiceRequest", example, { token: null });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
      expect((await json(anonymous)).issue[0]?.code).toBe("login");
      expect((await send("POST", "/fhir/ServiceRequest", example, { token: "rn_nope" })).status).toBe(401);

      const xml = await send("POST", "/fhir/ServiceRequest", null, {
        raw: "<ServiceRequest/>",
        type: "application/fhir+xml",
      });
      expect(xml.status).toBe(415);
      expect((await json(xml)).resourceType).toBe("OperationOutcome");
      expect((await send("POST", "/fhir/ServiceRequest", example, { type: "application/json" })).status).toBe(201);

      const big = JSON.stringify({ ...example, note: [{ text: "x".repeat(1_100_000) }] });
      expect((await send("POST", "/fhir/ServiceRequest", null, { raw: big })).status).toBe(413);
      const garbage = await send("POST", "/fhir", null, { raw: "{not json" });
      expect(garbage.status).toBe(400);
      expect((await json(garbage)).resourceType).toBe("OperationOutcome");
      for (const odd of [
        "42",
        "[]",
        "null",
        '{"resourceType":7}',
        '{"resourceType":"Bundle","type":"batch","entry":[7,{}]}',
        '{"resourceType":"Bundle","type":"batch","entry":[null]}',
        '{"resourceType":"Bundle","type":"transaction","entry":{"resource":{}}}',
        '{"resourceType":"Bundle","type":"batch","entry":[{"resource":[],"request":{"method":"POST","url":"ServiceRequest"}}]}',
        '{"resourceType":"ServiceRequest","status":"active","intent":"order","subject":{"reference":7}}',
      ]) {
        const path = odd.includes('"ServiceRequest","status"') ? "/fhir/ServiceRequest" : "/fhir";
        const response = await send("POST", path, null, { raw: odd });
        expect(response.status).toBeLessThan(500);
        expect((await json(response)).resourceType).toMatch(/OperationOutcome|Bundle/);
      }
      const badId = await send("PUT", "/fhir/Task/%E0%A4%A", fixture("task-rejected"));
      expect(badId.status).toBe(400);
      expect(expressionsOf(await json(badId))).toEqual(["Task.id"]);
      const unknown = await send("GET", "/fhir/Patient/123");
      expect(unknown.status).toBe(404);
      expect((await json(unknown)).resourceType).toBe("OperationOutcome");

      await app.db.prisma.practice.update({ where: { id: practice.id }, data: { apiRequestsPerMinute: 1 } });
      const other = await tokenFor(practice, "limited", "limited");
      expect((await send("POST", "/fhir/Task", fixture("task-rejected"), { token: other })).status).toBe(200);
      const limited = await send("POST", "/fhir/Task", fixture("task-rejected"), { token: other });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await json(limited)).issue[0]?.code).toBe("throttled");
    });

    it("stores one referral and one status change for the same request twice and twenty times at once", async () => {
      const example = fixture("servicerequest-example");
      expect((await send("POST", "/fhir/ServiceRequest", example)).status).toBe(201);
      expect((await send("POST", "/fhir/ServiceRequest", example)).status).toBe(200);
      const many = await Promise.all(Array.from({ length: 20 }, () => send("POST", "/fhir/ServiceRequest", example)));
      expect(many.map((r) => r.status)).toEqual(Array(20).fill(200));
      const task = fixture("task-completed-consult-note");
      const tasks = await Promise.all(
        Array.from({ length: 20 }, () => send("PUT", "/fhir/Task/referral-task-servicerequest-example", task)),
      );
      expect(tasks.map((r) => r.status)).toEqual(Array(20).fill(200));
      const bundle = fixture("bundle-transaction-referral");
      const bundles = await Promise.all(Array.from({ length: 20 }, () => send("POST", "/fhir", bundle)));
      expect(bundles.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(await app.db.prisma.referral.count()).toBe(2);
      expect(await app.db.prisma.referrer.count()).toBe(2);
      expect(await app.db.prisma.referralStatusChange.count()).toBe(1);
    });

    it("keeps the patient's name, MRN and birth date out of every table and out of the logs", async () => {
      await send("POST", "/fhir/ServiceRequest", fixture("servicerequest-example"));
      await send("POST", "/fhir", fixture("bundle-transaction-referral"));
      await send("PUT", "/fhir/Task/referral-task-servicerequest-example", fixture("task-in-progress-appointment"));
      expect(await app.db.prisma.referral.count()).toBe(2);
      const everything = await allTables(app);
      expect(everything).toContain("knee pain");
      const log = logLines.join("\n");
      for (const needle of [
        "Gonzalez",
        "Whitfield",
        "Maria",
        "88123456",
        "1961-04-17",
        "Thornbury",
        "Eleanor",
        "77001234",
        "1948-09-30",
        "867-5309",
        "Erewhon",
      ]) {
        expect(everything).not.toContain(needle);
        expect(log).not.toContain(needle);
      }
      expect(log).toContain("fhir request");
    });

    it("answers the README's example request with 201 and stores its referral", async () => {
      const readme = readFileSync(join(import.meta.dirname, "..", "..", "..", "README.md"), "utf8");
      const example = /curl -sS https:\/\/nudge\.example\.org\/fhir\/ServiceRequest[\s\S]*?-d '([\s\S]*?)'\n/.exec(
        readme,
      );
      expect(example).not.toBeNull();
      const response = await send("POST", "/fhir/ServiceRequest", null, { raw: example![1]! });
      expect(response.status).toBe(201);
      expect(response.headers.get("location")).toBe("ServiceRequest/REF-10442");
      expect(JSON.stringify(await json(response))).toContain("Referral REF-10442: created");
      const referral = await app.db.prisma.referral.findFirstOrThrow({ include: { referrer: true } });
      expect(referral).toMatchObject({ sourceId: "REF-10442", specialty: "Orthopedics" });
      expect(referral.referrer.npi).toBe("1234567893");
    });

    it("serves a CapabilityStatement at /fhir/metadata without a token", async () => {
      const response = await send("GET", "/fhir/metadata", undefined, { token: null });
      expect(response.status).toBe(200);
      const statement = await json<CapabilityStatement>(response);
      expect(statement).toMatchObject({ resourceType: "CapabilityStatement", fhirVersion: "4.0.1", kind: "instance" });
      const rest = statement.rest?.[0];
      expect(rest?.resource?.map((r) => r.type)).toEqual(["ServiceRequest", "Task"]);
      expect(rest?.interaction?.map((i) => i.code)).toEqual(["batch", "transaction"]);
    });
  });
}

describe("the FHIR door as serve runs it", () => {
  it("is mounted on the one HTTP server, closed without a token, and says so at start", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { startServer } = await import("../../../src/app/serve.ts");
    const { loadConfig } = await import("../../../src/config/config.ts");
    const dir = mkdtempSync(join(tmpdir(), "referral-nudge-fhir-serve-"));
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const running = await startServer(
      loadConfig({ NODE_ENV: "test", PORT: "0", SCHEDULER: "off", DATABASE_URL: `file:${join(dir, "app.db")}` }),
      logger,
    );
    try {
      const url = `http://127.0.0.1:${running.port}`;
      const anonymous = await fetch(`${url}/fhir/ServiceRequest`, {
        method: "POST",
        headers: { "content-type": "application/fhir+json" },
        body: JSON.stringify(fixture("servicerequest-example")),
      });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as OperationOutcome).resourceType).toBe("OperationOutcome");
      expect(await running.services.db.prisma.referral.count()).toBe(0);
      expect((await fetch(`${url}/fhir/metadata`)).status).toBe(200);
      expect(lines.join("\n")).toContain("/fhir/metadata");
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
