// Charts as images the chat platforms can show: a signed link to our own `GET /charts/<token>.png`,
// or the PNG itself (for Slack's upload when there is no public URL). Each PNG is drawn once per data
// version and kept in a small in-memory cache, so the same chart for unchanged data costs a lookup.
// The renderer (vega, vega-lite, resvg and the fonts: about 60 MB of a server's memory) is loaded by the
// first chart drawn, not at start: a `serve` that is never asked for a chart never holds it.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChartModel } from "../core/charts/chart-model.ts";
import type { Clock } from "../core/ports.ts";
import type { Route } from "../http/route.ts";
import { type ChartKeys, chartKeys, chartVersion, openChart, sealChart, verifyChartToken } from "./chart-token.ts";

export const CHART_PATH_PREFIX = "/charts/";
const CACHE_ENTRIES = 200;
const DAY_MS = 86_400_000;

export interface ChartImagesOptions {
  /** The signing secret; see chartSecretOrRandom for what happens without one. */
  secret: string | Buffer;
  /** Where chat clients reach this server (PUBLIC_URL); without it, links are only made once a local base is set. */
  publicUrl?: string;
  linkDays?: number;
  clock?: Clock;
  onError?: (error: unknown) => void;
}

export interface ChartImages {
  /** The chart's signed URL, or null when no client could reach it (no public or local base URL). */
  urlFor(chart: ChartModel): string | null;
  /** The same, only under PUBLIC_URL: what a platform's own servers can fetch (Slack's). */
  publicUrlFor(chart: ChartModel): string | null;
  /** The chart drawn as PNG (cached by data version). */
  png(chart: ChartModel): Promise<Buffer>;
  /** For the Agents Playground: links point at this machine's own server. */
  useLocalBase(baseUrl: string): void;
  routes: Route[];
}

export function createChartImages(opts: ChartImagesOptions): ChartImages {
  const keys: ChartKeys = chartKeys(opts.secret);
  const clock = opts.clock ?? { now: () => new Date() };
  const linkMs = (opts.linkDays ?? 7) * DAY_MS;
  const publicBase = opts.publicUrl ? opts.publicUrl.replace(/\/+$/, "") : null;
  let base = publicBase;
  const cache = new Map<string, Promise<Buffer>>();

  function png(chart: ChartModel, version = chartVersion(chart)): Promise<Buffer> {
    const hit = cache.get(version);
    if (hit) {
      // Least recently used goes first: re-inserting moves it to the end.
      cache.delete(version);
      cache.set(version, hit);
      return hit;
    }
    const drawing = import("./render-chart.ts").then((renderer) => renderer.renderChartPng(chart));
    drawing.catch(() => cache.delete(version));
    cache.set(version, drawing);
    while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    return drawing;
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const match = /^\/charts\/([A-Za-z0-9_-]+)\.png$/.exec(path);
    const now = clock.now();
    const header = match ? verifyChartToken(keys, match[1]!, now) : null;
    if (!match || !header) return notFound(res);
    const etag = `"${header.version}"`;
    const maxAge = Math.max(0, Math.floor((header.expiresAt.getTime() - now.getTime()) / 1000));
    const caching = { etag, "cache-control": `public, max-age=${maxAge}, immutable` };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, caching).end();
      return;
    }
    const opened = cache.has(header.version) ? null : openChart(keys, match[1]!, now);
    const drawing = cache.get(header.version) ?? (opened ? png(opened.chart, opened.version) : null);
    if (!drawing) return notFound(res);
    try {
      const body = await drawing;
      res.writeHead(200, { "content-type": "image/png", "content-length": body.length, ...caching }).end(body);
    } catch (error) {
      opts.onError?.(error);
      res.writeHead(500, { "content-type": "text/plain", "cache-control": "no-store" }).end("Chart failed to draw");
    }
  }

  const link = (at: string | null, chart: ChartModel) =>
    at ? `${at}${CHART_PATH_PREFIX}${sealChart(keys, chart, new Date(clock.now().getTime() + linkMs))}.png` : null;

  return {
    urlFor: (chart) => link(base, chart),
    publicUrlFor: (chart) => link(publicBase, chart),
    png: (chart) => png(chart),
    useLocalBase(url) {
      if (!opts.publicUrl) base = url.replace(/\/+$/, "");
    },
    routes: [{ method: "GET", path: `${CHART_PATH_PREFIX}*`, handle: serve }],
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" }).end("Not found");
}
