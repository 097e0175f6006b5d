// What every Teams handler needs; passed in so a test can call a handler with its own core.
import type { ChartImages } from "../../../charts/chart-images.ts";
import type { ChatCore } from "../../../core/chat-api.ts";
import type { Repositories } from "../../../core/ports.ts";
import type { FileLinks } from "../../../http/file-links.ts";
import type { Logger } from "../../../logging/logger.ts";
import type { TeamsMode } from "../chat-context.ts";

export interface TeamsHandlerDeps {
  core: ChatCore;
  repos: Repositories;
  logger: Logger;
  mode: TeamsMode;
  /** Links the replies' charts (the same signed URL Slack gets); without it charts show as their words. */
  charts?: ChartImages;
  /** Download links for files the core hands over (Teams takes no upload from a bot); absent: closed. */
  fileLinks?: FileLinks;
}

/** How a card draws the charts of a reply for these deps. */
export function chartOptions(deps: Pick<TeamsHandlerDeps, "charts">) {
  const charts = deps.charts;
  return charts ? { chartUrl: (chart: Parameters<ChartImages["urlFor"]>[0]) => charts.urlFor(chart) } : {};
}
