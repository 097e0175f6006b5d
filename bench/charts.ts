// Chart rendering: a chart drawn from new data (Vega-Lite → SVG → PNG), the first one in a fresh
// process, and the same chart for unchanged data served from the cache over the real HTTP server.
// A render is judged by the CPU time it takes (all of the process's threads, resvg's too), which
// other work on a shared machine does not inflate; the wall-clock time is printed beside it.
import { performance } from "node:perf_hooks";
import { createChartImages } from "../src/charts/chart-images.ts";
import { renderChartPng } from "../src/charts/render-chart.ts";
import { sampleOverview, sampleTrend } from "../src/demo/sample-charts.ts";
import { createHttpServer, listen } from "../src/http/server.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const RENDERS = 30;
const CACHED_REQUESTS = 300;

export async function benchCharts(): Promise<Figure[]> {
  // 24 months of practice referrals and the top 10 referrers' two years: the largest chart there is.
  const t0 = performance.now();
  await renderChartPng(sampleOverview(10));
  const coldMs = performance.now() - t0;

  const overview = { cpu: [] as number[], wall: [] as number[] };
  const trend = { cpu: [] as number[], wall: [] as number[] };
  const timed = async (into: typeof overview, draw: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await draw();
    into.wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    into.cpu.push((used.user + used.system) / 1000);
  };
  for (let i = 0; i < RENDERS; i++) {
    // New data every time (another practice name), so nothing is reused but the code.
    const chart = { ...sampleOverview(10), altText: `run ${i}` };
    chart.data = { ...chart.data, practiceName: `Practice ${i}` };
    await timed(overview, () => renderChartPng(chart));
    await timed(trend, () => renderChartPng(sampleTrend(`Dr. Referrer ${i}`, i)));
  }
  const o = summarize(overview.cpu);
  const t = summarize(trend.cpu);

  const charts = createChartImages({ secret: "bench-secret-bench-secret-bench-secret" });
  const server = createHttpServer(charts.routes);
  const port = await listen(server, 0, "127.0.0.1");
  charts.useLocalBase(`http://127.0.0.1:${port}`);
  const url = charts.urlFor(sampleOverview(10))!;
  await (await fetch(url)).arrayBuffer(); // drawn once; every request after is the cache
  const cached: number[] = [];
  for (let i = 0; i < CACHED_REQUESTS; i++) {
    const start = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    cached.push(performance.now() - start);
  }
  server.closeAllConnections();
  server.close();
  const c = summarize(cached);

  return [
    { name: "charts: first render in a fresh process (overview, 24 months × 10)", value: ms(coldMs) },
    {
      name: `charts: render overview, 24 months × top 10 (${o.n}), CPU p50 / p99`,
      value: `${ms(o.p50)} / ${ms(o.p99)}`,
      target: "p50 < 50 ms",
      pass: o.p50 < 50,
    },
    { name: "charts: render overview, wall-clock p50", value: ms(summarize(overview.wall).p50) },
    {
      name: `charts: render referrer trend, 24 months (${t.n}), CPU p50 / p99`,
      value: `${ms(t.p50)} / ${ms(t.p99)}`,
      target: "p50 < 50 ms",
      pass: t.p50 < 50,
    },
    { name: "charts: render referrer trend, wall-clock p50", value: ms(summarize(trend.wall).p50) },
    {
      name: `charts: GET /charts/<token>.png, cached (${c.n}) p50 / p99`,
      value: `${ms(c.p50)} / ${ms(c.p99)}`,
      target: "p50 < 5 ms",
      pass: c.p50 < 5,
    },
  ];
}
