// The card-day message for a practice of 2,000 referrers (200,000 referrals, 50,000 touches): gathering
// every thank-you owed, with addresses and specialties, and drawing the message. Then its PDF.
import { performance } from "node:perf_hooks";
import { buildCardBatchNow } from "../src/core/cards/card-day.ts";
import { cardWeekOf } from "../src/core/cards/card-week.ts";
import { renderCardDay } from "../src/core/cards/render-card-day.ts";
import { seedSynthetic } from "../src/demo/synthetic.ts";
import { renderCardPdf } from "../src/documents/card-pdf.ts";
import { openBenchDb } from "./bench-db.ts";
import { collectSetupGarbage, type Figure, ms, p50p99, summarize, timeRuns } from "./stats.ts";

/** Card-day messages built and timed, after a few untimed ones that let the JIT compile the code. */
const RUNS = 30;
const WARMING = 3;

export async function benchCards(): Promise<Figure[]> {
  const bench = await openBenchDb("cards", { countQueries: true });
  try {
    const now = new Date();
    const practice = await bench.repos.practices.getOrCreateDefault();
    await seedSynthetic(bench.demoStore, practice, { referrers: 2_000, referrals: 200_000, touches: 50_000, now });
    // Every synthetic referrer gets an address, so the message and the labels carry one each.
    await bench.db.prisma.referrer.updateMany({
      where: { practiceId: practice.id },
      data: {
        addressLine1: "1200 Harbor Road",
        addressLine2: "Suite 300",
        city: "Springfield",
        state: "IL",
        postalCode: "62701",
      },
    });
    const week = cardWeekOf(now, practice.timeZone);
    const deps = { cards: bench.cardData };
    collectSetupGarbage();
    for (let i = 0; i < WARMING; i++)
      renderCardDay({ ...(await buildCardBatchNow(deps, practice, week, now)), id: "bench" }, new Map());
    let queries = 0;
    let cards = 0;
    const runs = await timeRuns(RUNS, async () => {
      const before = bench.queries.count;
      const batch = await buildCardBatchNow(deps, practice, week, now);
      renderCardDay({ ...batch, id: "bench" }, new Map());
      queries = bench.queries.count - before;
      cards = batch.entries.length;
    });
    const batch = await buildCardBatchNow(deps, practice, week, now);
    const pdfStart = performance.now();
    const pdf = await renderCardPdf({ ...batch, id: "bench" });
    const pdfMs = performance.now() - pdfStart;
    const wall = summarize(runs.wall);
    return [
      {
        name: `cards: build + render the card-day message (${cards.toLocaleString("en-US")} cards of 2,000 referrers), p50 / p99 of ${wall.n}`,
        value: p50p99(wall),
        target: "< 50 ms, p50 and p99",
        pass: wall.p50 < 50 && wall.p99 < 50,
      },
      {
        name: "cards: the same, CPU time p50 / p99 (not slowed by other processes)",
        value: p50p99(summarize(runs.cpu)),
      },
      {
        name: "cards: database queries per card-day message",
        value: String(queries),
        target: "fixed",
        pass: queries < 10,
      },
      {
        name: `cards: the PDF of every card and label (${Math.ceil(pdf.byteLength / 1024)} KB)`,
        value: ms(pdfMs),
      },
    ];
  } finally {
    await bench.close();
  }
}
