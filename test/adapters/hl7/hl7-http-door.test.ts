// The HL7 v2 door over HTTP (POST /hl7), on SQLite and PostgreSQL: messages as interface engines send
// them (test/fixtures/hl7: \r between segments, repetitions, escape sequences, a Z-segment, v2.5.1 and
// v2.3), each answered with its ACK, and the database read back whole.
import type { Server } from "node:http";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hl7HttpDoor } from "../../../src/app/serve.ts";
import { newApiToken } from "../../../src/core/intake/api-token.ts";
import type { Practice } from "../../../src/core/model.ts";
import { createHttpServer, listen } from "../../../src/http/server.ts";
import { allTables } from "../../support/all-tables.ts";
import { hl7Fixture, segmentOf } from "../../support/mllp-client.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`POST /hl7 on ${provider}`, () => {
    let app: TestApp;
    let server: Server;
    let base: string;
    let practice: Practice;
    let token: string;
    let logLines: string[];

    const post = async (body: string, opts: { type?: string; token?: string | null } = {}) => {
      const auth = opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` };
      const response = await fetch(`${base}/hl7`, {
        method: "POST",
        headers: { "content-type": opts.type ?? "x-application/hl7-v2+er7", ...auth },
        body,
      });
      return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
    };
    /** Posts a fixture; returns its ACK's MSA and ERR fields. */
    const send = async (name: string) => {
      const answer = await post(hl7Fixture(name));
      expect(answer.status).toBe(200);
      return { ack: answer.text, msa: segmentOf(answer.text, "MSA")!, err: segmentOf(answer.text, "ERR") };
    };
    const stored = () => app.db.prisma.referral.findMany({ include: { referrer: true } });

    beforeEach(async () => {
      app = await createTestApp({ provider, now: new Date("2026-12-20T15:00:00Z") });
      practice = await app.repos.practices.getOrCreateDefault();
      const made = newApiToken();
      const actor = { practiceId: practice.id, memberId: null, name: "cli", channel: "cli" as const, role: null };
      await app.apiTokens.create(actor, {
        practiceId: practice.id,
        label: "Epic interface",
        sourceSystem: "epic",
        tokenHash: made.tokenHash,
        hint: made.hint,
      });
      token = made.token;
      logLines = [];
      const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
      server = createHttpServer(hl7HttpDoor(app, logger), logger);
      base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
    });
    afterEach(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    });

    it("stores a REF^I12 v2.5.1 with its referring provider, decoded escapes and reason, and answers AA", async () => {
      const answer = await post(hl7Fixture("ref-i12-v251.hl7"));
      expect(answer.status).toBe(200);
      expect(answer.type).toBe("x-application/hl7-v2+er7; charset=utf-8");
      const msh = segmentOf(answer.text, "MSH")!;
      expect([msh[3], msh[5], msh[6], msh[9], msh[12]]).toEqual([
        "REFERRAL-NUDGE",
        "EPIC",
        "RIVERSIDE-FH",
        "ACK^I12^ACK",
        "2.5.1",
      ]);
      expect(segmentOf(answer.text, "MSA")!.slice(1, 3)).toEqual(["AA", "MSG00001"]);
      expect(segmentOf(answer.text, "ERR")).toBeNull();

      const [referral] = await stored();
      expect(referral).toMatchObject({
        sourceSystem: "epic",
        sourceId: "REF-2026-0481",
        status: "received",
        specialty: "Orthopedics",
        patientRef: "MRN-…2913",
      });
      expect(referral!.receivedAt.toISOString()).toBe("2026-12-03T05:00:00.000Z");
      expect(referral!.referrer).toMatchObject({ npi: "1234567893", clinic: "Riverside Family Health" });
      expect(referral!.referrer.displayName).toContain("Jennifer");
      expect(referral!.referrer.displayName).toContain("Lee");
      // \T\ & · \F\ | · \S\ ^ · \R\ ~ · \E\ \ ; the DG1 text first, then each NTE-3 repetition.
      expect(referral!.reason).toContain("Derangement of meniscus due to old tear, right knee");
      expect(referral!.reason).toContain("Right knee pain & swelling for 3 months");
      expect(referral!.reason).toContain("meniscal tear | r/o ACL");
      expect(referral!.reason).toContain("Brace size S^M, PT 6 wk~none, ratio 2\\1.");
      expect(await app.db.prisma.referralStatusChange.count()).toBe(0);
    });

    it("reads a v2.3 REF^I12 whose referring provider is the second PRD, with local times and a procedure", async () => {
      const { ack, msa } = await send("ref-i12-v23.hl7");
      expect(msa.slice(1, 3)).toEqual(["AA", "CL-20261203-0007"]);
      expect(segmentOf(ack, "MSH")![9]).toBe("ACK^I12");
      expect(segmentOf(ack, "MSH")![12]).toBe("2.3");
      const [referral] = await stored();
      expect(referral).toMatchObject({ sourceId: "NP-88213", specialty: "Cardiology" });
      expect(referral!.receivedAt.toISOString()).toBe("2026-12-03T14:15:00.000Z");
      expect(referral!.referrer).toMatchObject({ npi: "1456789019", clinic: "Northside Pediatrics" });
      expect(referral!.reason).toContain("Echocardiogram, complete");
      expect(referral!.reason).toContain("Murmur heard at well visit");
      expect(referral!.reason).not.toContain("Thomas");
    });

    it("learns from SIU when the patient is booked, rescheduled and unbooked, keeping the referral", async () => {
      await send("ref-i12-v251.hl7");
      expect((await send("siu-s12-booked.hl7")).msa[1]).toBe("AA");
      let [referral] = await stored();
      expect(referral!.status).toBe("scheduled");
      expect(referral!.scheduledAt?.toISOString()).toBe("2026-12-15T14:30:00.000Z");

      expect((await send("siu-s13-rescheduled.hl7")).msa[1]).toBe("AA");
      [referral] = await stored();
      expect(referral!.status).toBe("scheduled");
      expect(referral!.scheduledAt?.toISOString()).toBe("2026-12-17T19:00:00.000Z");

      // S15: the appointment is cancelled, not the referral: it waits for a new booking.
      expect((await send("siu-s15-cancelled.hl7")).msa[1]).toBe("AA");
      [referral] = await stored();
      expect(referral!.status).toBe("received");
      expect(referral!.scheduledAt).toBeNull();
      expect(referral!.cancelledAt).toBeNull();

      // The v2.3 form: no TQ1, the start in SCH-11's fourth component, in the practice's zone.
      expect((await send("siu-s12-v23.hl7")).msa[1]).toBe("AA");
      [referral] = await stored();
      expect(referral!.status).toBe("scheduled");
      expect(referral!.scheduledAt?.toISOString()).toBe("2026-12-15T14:30:00.000Z");
      const changes = await app.db.prisma.referralStatusChange.findMany({ orderBy: { createdAt: "asc" } });
      // One status change per status (the core keeps the first of each): booked, then unbooked.
      expect(changes.map((c) => c.status)).toEqual(["scheduled", "received"]);
    });

    it("marks the visit seen from SIU Complete and the report sent from RRI^I12, which leaves the status", async () => {
      await send("ref-i12-v251.hl7");
      await send("siu-s12-booked.hl7");
      expect((await send("siu-s14-complete.hl7")).msa[1]).toBe("AA");
      let [referral] = await stored();
      expect(referral!.status).toBe("seen");
      expect(referral!.seenAt?.toISOString()).toBe("2026-12-17T19:00:00.000Z");

      const { msa } = await send("rri-i12.hl7");
      expect(msa.slice(1, 3)).toEqual(["AA", "MSG00004"]);
      [referral] = await stored();
      expect(referral!.status).toBe("seen");
      expect(referral!.reportSentAt?.toISOString()).toBe("2026-12-18T05:00:00.000Z");
    });

    it("applies REF^I13 changes and cancels on REF^I14", async () => {
      await send("ref-i12-v251.hl7");
      expect((await send("ref-i13-changed.hl7")).msa[1]).toBe("AA");
      let [referral] = await stored();
      expect(referral!.reason).toContain("Urgent: locking episodes since Monday.");
      expect((await send("ref-i14-cancelled.hl7")).msa[1]).toBe("AA");
      [referral] = await stored();
      expect(referral!.status).toBe("cancelled");
      expect(referral!.cancelledAt?.toISOString()).toBe("2026-12-05T05:00:00.000Z");
      expect(await app.db.prisma.referral.count()).toBe(1);
    });

    it("keeps an appointment that comes before its referral and applies it when the REF^I12 comes", async () => {
      expect((await send("siu-s12-booked.hl7")).msa[1]).toBe("AA");
      expect(await app.db.prisma.referral.count()).toBe(0);
      await send("ref-i12-v251.hl7");
      const [referral] = await stored();
      expect(referral!.status).toBe("scheduled");
      expect(referral!.scheduledAt?.toISOString()).toBe("2026-12-15T14:30:00.000Z");
      expect(await app.db.prisma.referralStatusChange.count()).toBe(1);
    });

    it("keeps an RRI^I12 that comes before its REF^I12 and marks the report sent when the referral comes", async () => {
      expect((await send("rri-i12.hl7")).msa[1]).toBe("AA");
      expect(await app.db.prisma.referral.count()).toBe(0);
      await send("ref-i12-v251.hl7");
      const [referral] = await stored();
      expect(referral!.reportSentAt?.toISOString()).toBe("2026-12-18T05:00:00.000Z");
      expect(await app.db.prisma.earlyReport.count({ where: { referralId: referral!.id } })).toBe(1);
    });

    it("answers malformed messages AR or AE with the segment and field in ERR, and stores nothing", async () => {
      const cases: Array<[string, string, string | undefined, string]> = [
        ["missing-msh.hl7", "AR", "MSH^1", "100"],
        ["wrong-version.hl7", "AR", "MSH^1^12", "203"],
        ["unsupported-type.hl7", "AR", "MSH^1^9^^1", "200"],
        ["truncated-segment.hl7", "AE", "RF1^1^6", "101"],
        ["bad-npi.hl7", "AE", "PRD^1^7", "102"],
      ];
      for (const [name, code, where, error] of cases) {
        const { msa, err } = await send(name);
        expect([name, msa[1]]).toEqual([name, code]);
        expect([name, err?.[2], err?.[3]?.split("^")[0], err?.[4]]).toEqual([name, where, error, "E"]);
      }
      expect((await send("missing-msh.hl7")).msa[2]).toBe("");
      expect((await send("wrong-version.hl7")).msa[2]).toBe("MSG00090");
      expect(await app.db.prisma.referral.count()).toBe(0);
      expect(await app.db.prisma.referrer.count()).toBe(0);
      expect(await app.db.prisma.referralStatusChange.count()).toBe(0);
      expect(await app.db.prisma.auditEvent.count({ where: { action: "referrals.receive" } })).toBe(0);
    });

    it("writes ERR-1 for a v2.3 sender, as its version reads it", async () => {
      const v23 = hl7Fixture("bad-npi.hl7").replace("|P|2.5.1|", "|P|2.3|");
      const answer = await post(v23);
      expect(segmentOf(answer.text, "MSA")![1]).toBe("AE");
      expect(segmentOf(answer.text, "ERR")![1]).toMatch(/^PRD\^1\^7\^102&/);
    });

    it("stores one referral and one status change for a message sent twice and twenty times at once", async () => {
      const referral = hl7Fixture("ref-i12-v251.hl7");
      const booked = hl7Fixture("siu-s12-booked.hl7");
      for (const body of [referral, booked]) {
        expect((await post(body)).status).toBe(200);
        expect((await post(body)).status).toBe(200);
        const many = await Promise.all(Array.from({ length: 20 }, () => post(body)));
        expect(many.map((a) => segmentOf(a.text, "MSA")![1])).toEqual(Array(20).fill("AA"));
      }
      expect(await app.db.prisma.referral.count()).toBe(1);
      expect(await app.db.prisma.referrer.count()).toBe(1);
      expect(await app.db.prisma.referralStatusChange.count()).toBe(1);
    });

    it("keeps the patient's name, MRN, birth date, address and phone out of every table and the logs", async () => {
      for (const name of ["ref-i12-v251.hl7", "siu-s12-booked.hl7", "rri-i12.hl7", "bad-npi.hl7", "ref-i12-v23.hl7"]) {
        await send(name);
      }
      const everything = `${await allTables(app)}\n${logLines.join("\n")}`;
      for (const secret of [
        "Gonzalez",
        "Maria",
        "MRN00482913",
        "00482913",
        "19580312",
        "03/12/1958",
        "999-12-3456",
        "Elm St",
        "5550123",
        "Nguyen",
        "55502211",
        "20150704",
      ]) {
        expect([secret, everything.includes(secret)]).toEqual([secret, false]);
      }
      expect(logLines.join("\n")).toContain("hl7 message answered");
    });

    it("takes the three HL7 content types, refuses others with 415 and a missing token with 401", async () => {
      const body = hl7Fixture("ref-i12-v251.hl7");
      for (const type of ["application/hl7-v2", "text/plain; charset=utf-8", "x-application/hl7-v2+er7"]) {
        const answer = await post(body, { type });
        expect([type, answer.status, segmentOf(answer.text, "MSA")![1]]).toEqual([type, 200, "AA"]);
      }
      expect((await post(body, { type: "application/json" })).status).toBe(415);
      expect((await post(body, { token: null })).status).toBe(401);
      expect((await post(body, { token: "rn_not-a-token" })).status).toBe(401);
      expect(await app.db.prisma.referral.count()).toBe(1);
    });
  });
}
