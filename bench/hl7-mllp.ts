// The HL7 v2 door over MLLP on SQLite: 1,000 REF^I12 over one connection, an ACK for each (target under
// 5 s), first as most engines send (the next message once the last ACK is in), then all written at once
// (ACKs still one each, in order). Each message is a new referral from one of 50 referrers, as sent by
// an EHR's interface engine (the test fixture's shape: PRD, PID, DG1, NTE with escapes, a Z-segment).
import { readFileSync } from "node:fs";
import type { MllpServer } from "../src/adapters/hl7/mllp-server.ts";
import { hl7MllpDoor } from "../src/app/serve.ts";
import { MllpClient } from "../test/support/mllp-client.ts";
import { openBenchDb } from "./bench-db.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const MESSAGES = 1_000;
const REFERRERS = 50;

export async function benchHl7Mllp(): Promise<Figure[]> {
  const bench = await openBenchDb("hl7");
  let server: MllpServer | undefined;
  let client: MllpClient | undefined;
  try {
    const practice = await bench.repos.practices.getOrCreateDefault();
    const actor = { practiceId: practice.id, memberId: null, name: "bench", channel: "cli" as const, role: null };
    await bench.hl7Facilities.link(actor, { practiceId: practice.id, facility: "RIVERSIDE-FH", sourceSystem: "bench" });
    server = hl7MllpDoor(bench);
    const port = await server.listen(0, "127.0.0.1");
    client = await MllpClient.connect(port);

    const template = readFileSync(new URL("../test/fixtures/hl7/ref-i12-v251.hl7", import.meta.url), "utf8");
    const message = (n: number) =>
      template
        .replace("|MSG00001|", `|B-${n}|`)
        .replace("REF-2026-0481^EPIC", `B-${n}^EPIC`)
        .replace("Lee^Jennifer^A^^Dr.^MD", `Provider${n % REFERRERS}^Bench^^^Dr.`)
        .replace("1234567893^NPI~", "");
    const accepted = (ack: string) => ack.includes("\rMSA|AA|");
    // The referrers known first, as in a feed's steady state.
    for (let n = 0; n < REFERRERS; n++) await client.sendAndWait(message(2 * MESSAGES + n));

    const samples: number[] = [];
    let ok = 0;
    const started = performance.now();
    for (let n = 0; n < MESSAGES; n++) {
      const t = performance.now();
      if (accepted(await client.sendAndWait(message(n)))) ok++;
      samples.push(performance.now() - t);
    }
    const oneAtATime = (performance.now() - started) / 1000;

    const pipelinedStart = performance.now();
    for (let n = 0; n < MESSAGES; n++) client.send(message(MESSAGES + n));
    for (let n = 0; n < MESSAGES; n++) if (accepted(await client.nextAck())) ok++;
    const pipelined = (performance.now() - pipelinedStart) / 1000;

    const stored = await bench.db.prisma.referral.count();
    const each = summarize(samples);
    const all = ok === 2 * MESSAGES && stored === 2 * MESSAGES + REFERRERS;
    return [
      {
        name: `HL7 MLLP: ${MESSAGES.toLocaleString("en-US")} REF^I12 on one connection, each after the last ACK`,
        value: `${oneAtATime.toFixed(2)} s`,
        target: "< 5 s",
        pass: oneAtATime < 5 && all,
      },
      { name: "HL7 MLLP: one message to its ACK, p50", value: ms(each.p50) },
      { name: "HL7 MLLP: one message to its ACK, p99", value: ms(each.p99) },
      {
        name: `HL7 MLLP: ${MESSAGES.toLocaleString("en-US")} REF^I12 written at once, ACKs in order`,
        value: `${pipelined.toFixed(2)} s`,
        target: "< 5 s",
        pass: pipelined < 5 && all,
      },
    ];
  } finally {
    client?.socket.destroy();
    await server?.stop(1000);
    await bench.close();
  }
}
