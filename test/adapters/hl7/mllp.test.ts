// The HL7 v2 door over MLLP on a real TCP socket: framed messages in (0x0B … 0x1C 0x0D), framed ACKs out
// in order on the same connection; the sending facility (MSH-4) chooses the practice. A connection that
// sends garbage, stalls or sends too much is closed, and the others go on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MllpServer } from "../../../src/adapters/hl7/mllp-server.ts";
import { hl7MllpDoor } from "../../../src/app/serve.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { hl7Fixture, MllpClient, segmentOf } from "../../support/mllp-client.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

/** REF^I12 number n: its own control id and referral id. */
const referralMessage = (n: number) =>
  hl7Fixture("ref-i12-v251.hl7").replace("|MSG00001|", `|MSG-${n}|`).replace("REF-2026-0481^EPIC", `REF-${n}^EPIC`);

describe("HL7 v2 over MLLP", () => {
  let app: TestApp;
  let practice: Practice;
  let server: MllpServer;
  let port: number;
  const clients: MllpClient[] = [];
  const connect = async () => {
    const client = await MllpClient.connect(port);
    clients.push(client);
    return client;
  };
  const msaOf = (ack: string) => segmentOf(ack, "MSA")!;

  beforeEach(async () => {
    app = await createTestApp({ now: new Date("2026-12-20T15:00:00Z") });
    practice = await app.repos.practices.getOrCreateDefault();
    const actor: Actor = { practiceId: practice.id, memberId: null, name: "cli", channel: "cli", role: null };
    await app.hl7Facilities.link(actor, {
      practiceId: practice.id,
      facility: "RIVERSIDE-FH",
      sourceSystem: "riverside",
    });
    server = hl7MllpDoor(app, undefined, { idleTimeoutMs: 400, maxMessageBytes: 64_000 });
    port = await server.listen(0, "127.0.0.1");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await server.stop(1000);
    await app.close();
  });

  it("answers 100 messages sent on one connection with 100 ACKs, in order", async () => {
    const client = await connect();
    // All written before any ACK is read, as an engine that does not wait would.
    for (let n = 0; n < 100; n++) client.send(referralMessage(n));
    const acks: string[] = [];
    for (let n = 0; n < 100; n++) acks.push(await client.nextAck());
    expect(acks.map((a) => msaOf(a)[2])).toEqual(Array.from({ length: 100 }, (_, n) => `MSG-${n}`));
    expect(acks.map((a) => msaOf(a)[1])).toEqual(Array(100).fill("AA"));
    expect(await app.db.prisma.referral.count({ where: { sourceSystem: "riverside" } })).toBe(100);
  });

  it("reads a frame split byte by byte, and several frames in one write", async () => {
    const client = await connect();
    const framed = Buffer.concat([Buffer.from([0x0b]), Buffer.from(referralMessage(1)), Buffer.from([0x1c, 0x0d])]);
    for (const byte of framed) client.writeRaw(Buffer.from([byte]));
    expect(msaOf(await client.nextAck()).slice(1, 3)).toEqual(["AA", "MSG-1"]);
    const two = Buffer.concat([framed, Buffer.from("\r\n"), framed]);
    client.writeRaw(two);
    expect(msaOf(await client.nextAck())[1]).toBe("AA");
    expect(msaOf(await client.nextAck())[1]).toBe("AA");
  });

  it("closes a connection that sends bytes outside a frame, and only that one", async () => {
    const good = await connect();
    const bad = await connect();
    bad.writeRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await bad.whenClosed;
    expect(msaOf(await good.sendAndWait(referralMessage(2)))[1]).toBe("AA");
    expect(await app.db.prisma.referral.count()).toBe(1);
  });

  it("closes a connection that stalls in the middle of a message, and only that one", async () => {
    const good = await connect();
    const stalled = await connect();
    const message = referralMessage(3);
    stalled.writeRaw(Buffer.concat([Buffer.from([0x0b]), Buffer.from(message.slice(0, 80))]));
    expect(msaOf(await good.sendAndWait(referralMessage(4)))[1]).toBe("AA");
    await stalled.whenClosed;
    expect(good.closed).toBe(false);
    expect(msaOf(await good.sendAndWait(referralMessage(5)))[1]).toBe("AA");
    // The half message was never stored.
    expect(await app.db.prisma.referral.findMany({ select: { sourceId: true }, orderBy: { sourceId: "asc" } })).toEqual(
      [{ sourceId: "REF-4" }, { sourceId: "REF-5" }],
    );
  });

  it("closes a connection whose message is over the size limit", async () => {
    const big = await connect();
    big.send(referralMessage(6).replace("Right knee pain", "x".repeat(70_000)));
    await big.whenClosed;
    expect(await app.db.prisma.referral.count()).toBe(0);
    const next = await connect();
    expect(msaOf(await next.sendAndWait(referralMessage(7)))[1]).toBe("AA");
  });

  it("refuses a facility nobody linked with AR, naming MSH-4, and stores nothing", async () => {
    const client = await connect();
    const ack = await client.sendAndWait(referralMessage(8).replace("|RIVERSIDE-FH|", "|UNKNOWN-CLINIC|"));
    expect(msaOf(ack).slice(1, 3)).toEqual(["AR", "MSG-8"]);
    expect(segmentOf(ack, "ERR")!.slice(2, 4)).toEqual(["MSH^1^4", "204^Unknown key identifier^HL70357"]);
    expect(await app.db.prisma.referral.count()).toBe(0);
    // The connection stays open for the next message.
    expect(msaOf(await client.sendAndWait(referralMessage(9)))[1]).toBe("AA");
  });

  it("stores one referral and one status change for a message sent twice and 20 times at once", async () => {
    const client = await connect();
    const booked = hl7Fixture("siu-s12-booked.hl7");
    for (const message of [referralMessage(10), booked.replace("REF-2026-0481^EPIC", "REF-10^EPIC")]) {
      expect(msaOf(await client.sendAndWait(message))[1]).toBe("AA");
      expect(msaOf(await client.sendAndWait(message))[1]).toBe("AA");
      const others = await Promise.all(Array.from({ length: 20 }, () => connect()));
      const acks = await Promise.all(others.map((c) => c.sendAndWait(message)));
      expect(acks.map((a) => msaOf(a)[1])).toEqual(Array(20).fill("AA"));
    }
    expect(await app.db.prisma.referral.count()).toBe(1);
    expect(await app.db.prisma.referralStatusChange.count()).toBe(1);
  });

  it("on stop answers the messages already read, then closes the connection and takes no new ones", async () => {
    const client = await connect();
    client.writeRaw(
      Buffer.concat(
        [11, 12, 13, 14, 15].map((n) =>
          Buffer.concat([Buffer.from([0x0b]), Buffer.from(referralMessage(n)), Buffer.from([0x1c, 0x0d])]),
        ),
      ),
    );
    expect(msaOf(await client.nextAck())[2]).toBe("MSG-11");
    const stopped = server.stop(5000);
    const rest = [await client.nextAck(), await client.nextAck(), await client.nextAck(), await client.nextAck()];
    expect(rest.map((a) => msaOf(a)[2])).toEqual(["MSG-12", "MSG-13", "MSG-14", "MSG-15"]);
    await client.whenClosed;
    expect(await stopped).toBe("done");
    await expect(MllpClient.connect(port)).rejects.toThrow();
  });
});

describe("the MLLP door as serve runs it", () => {
  it("listens on HL7_MLLP_PORT, says so at start, and on stop answers then closes its connections", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const net = await import("node:net");
    const { pino } = await import("pino");
    const { startServer } = await import("../../../src/app/serve.ts");
    const { loadConfig } = await import("../../../src/config/config.ts");
    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const dir = mkdtempSync(join(tmpdir(), "referral-nudge-mllp-serve-"));
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const running = await startServer(
      loadConfig({
        NODE_ENV: "test",
        PORT: "0",
        HOST: "127.0.0.1",
        SCHEDULER: "off",
        HL7_MLLP_PORT: String(free),
        DATABASE_URL: `file:${join(dir, "app.db")}`,
      }),
      logger,
    );
    let stopped = false;
    try {
      expect(running.mllpPort).toBe(free);
      expect(lines.join("\n")).toContain(`MLLP on 127.0.0.1:${free}`);
      const practice = await running.services.repos.practices.getOrCreateDefault();
      const actor: Actor = { practiceId: practice.id, memberId: null, name: "cli", channel: "cli", role: null };
      await running.services.hl7Facilities.link(actor, {
        practiceId: practice.id,
        facility: "RIVERSIDE-FH",
        sourceSystem: "riverside",
      });
      const client = await MllpClient.connect(free);
      expect(segmentOf(await client.sendAndWait(referralMessage(1)), "MSA")![1]).toBe("AA");
      // Over HTTP too, on the same server, closed without a token.
      const http = await fetch(`http://127.0.0.1:${running.port}/hl7`, {
        method: "POST",
        headers: { "content-type": "application/hl7-v2" },
        body: referralMessage(2),
      });
      expect(http.status).toBe(401);
      await running.stop();
      stopped = true;
      await client.whenClosed;
      await expect(MllpClient.connect(free)).rejects.toThrow();
    } finally {
      if (!stopped) await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
