// The chart images for a running server: its signing secret, its public (or local) address.
import { randomBytes } from "node:crypto";
import { type ChartImages, createChartImages } from "../charts/chart-images.ts";
import type { Config } from "../config/config.ts";
import type { Clock } from "../core/ports.ts";
import type { Logger } from "../logging/logger.ts";

/**
 * Without CHART_SIGNING_KEY the process makes a random key rather than derive one from anything
 * guessable or stored: nobody can forge a link, one instance needs no setup, and what it costs is that
 * links made before a restart (or by another instance) answer 404. Slack's uploaded charts do not
 * depend on links, and a reply shows its chart's words wherever the picture is missing.
 */
export function createServerChartImages(config: Config, logger: Logger, clock?: Clock): ChartImages {
  if (!config.CHART_SIGNING_KEY) {
    logger.info(
      "CHART_SIGNING_KEY is not set: chart links are signed with a key made for this process and stop working when it restarts. Set CHART_SIGNING_KEY when several instances serve.",
    );
  }
  return createChartImages({
    secret: config.CHART_SIGNING_KEY ?? randomBytes(32),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    linkDays: config.CHART_LINK_DAYS,
    ...(clock ? { clock } : {}),
    onError: (error) => logger.error({ err: error }, "a chart failed to draw"),
  });
}
