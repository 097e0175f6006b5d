// The JSON intake door through the real HTTP server on SQLite: 100,000 referrals in batches of 500 from
// 4 clients at once (target at least 5,000 referrals a second), then one referral per request (p99 under
// 20 ms). The practice's referrers are known first (one warm-up request), as in a feed's steady state.
import type { Server } from "node:http";
import { intakeDoor } from "../src/app/serve.ts";
import { createRandom, makeNpi } from "../src/demo/random.ts";
import { createHttpServer, listen } from "../src/http/server.ts";
import { practiceWithApiToken } from "./api-token-practice.ts";
import { openBenchDb } from "./bench-db.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const REFERRERS = 500;
const TOTAL = 100_000;
const BATCH = 500;
const CLIENTS = 4;
const SINGLES = 1_000;

export async function benchIntakeApi(): Promise<Figure[]> {
  const bench = await openBenchDb("intake");
  let server: Server | undefined;
  try {
    const { token } = await practiceWithApiToken(bench);
    server = createHttpServer(intakeDoor(bench));
    const url = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}/api/referrals`;
    const post = async (body: unknown) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (response.status !== 200) throw new Error(`POST /api/referrals answered ${response.status}`);
      await response.arrayBuffer();
    };

    const random = createRandom(12);
    const providers = Array.from({ length: REFERRERS }, (_, i) => ({
      providerName: `Dr. Bench${i} Provider${i % 37}`,
      providerNpi: makeNpi(random),
      clinic: `Clinic ${i % 60}`,
    }));
    const referral = (n: number) => {
      const day = 1 + (n % 28);
      return {
        sourceId: `B-${n}`,
        receivedAt: `2026-${String(1 + (n % 11)).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        ...providers[n % REFERRERS]!,
        specialty: "Orthopedics",
        reason: n % 3 === 0 ? "knee pain, MRI done" : "follow-up after fracture",
        ...(n % 4 === 0 ? { status: "scheduled", statusDate: "2026-12-20" } : {}),
      };
    };
    await post(providers.map((_, i) => referral(TOTAL + SINGLES + i)));

    const batches = Array.from({ length: TOTAL / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => referral(b * BATCH + i)),
    );
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let b = next++; b < batches.length; b = next++) await post(batches[b]);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rate = TOTAL / seconds;
    const stored = await bench.db.prisma.referral.count();

    const samples: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const t = performance.now();
      await post(referral(TOTAL + i));
      samples.push(performance.now() - t);
    }
    const single = summarize(samples);
    return [
      {
        name: `JSON API: ${TOTAL.toLocaleString("en-US")} referrals, batches of ${BATCH}, ${CLIENTS} clients`,
        value: `${Math.round(rate).toLocaleString("en-US")}/s`,
        target: ">= 5,000/s",
        pass: rate >= 5000 && stored === TOTAL + REFERRERS,
      },
      { name: "JSON API: the same, total time", value: `${seconds.toFixed(1)} s` },
      { name: "JSON API: one referral per request, p50", value: ms(single.p50) },
      {
        name: "JSON API: one referral per request, p99",
        value: ms(single.p99),
        target: "< 20 ms",
        pass: single.p99 < 20,
      },
    ];
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await bench.close();
  }
}
