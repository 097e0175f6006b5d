// How a reply's charts reach Slack: with a public URL, an image block that points at our own
// `GET /charts/<token>.png`; without one (Socket Mode, or no PUBLIC_URL), the PNG uploaded with
// files.uploadV2 and the block pointing at the uploaded file. If neither works, the block is left
// out and the chart's words (its alt text) are shown instead.
import type { ChartImages } from "../../charts/chart-images.ts";
import { chartVersion } from "../../charts/chart-token.ts";
import type { ChartModel } from "../../core/charts/chart-model.ts";
import type { Reply } from "../../core/reply.ts";
import type { Logger } from "../../logging/logger.ts";
import type { WebClient } from "./slack-client.ts";

/** Slack's image block takes a URL of up to 3000 characters, or a file uploaded to the workspace. */
export type SlackImageSource = { image_url: string } | { slack_file: { id: string } };
export type ChartImageLookup = (chart: ChartModel) => SlackImageSource | null;

const MAX_IMAGE_URL = 3000;
/**
 * Files already uploaded, by workspace and data version, for each set of chart images: the App Home is
 * drawn on every visit, and the same chart for unchanged data should not become another file each time.
 */
const uploaded = new WeakMap<ChartImages, Map<string, string>>();
const MAX_REMEMBERED_UPLOADS = 500;

export const NO_CHART_IMAGES: ChartImageLookup = () => null;

export async function slackChartImages(
  charts: ChartImages | undefined,
  client: WebClient,
  workspaceId: string,
  reply: Reply,
  logger: Logger,
): Promise<ChartImageLookup> {
  const wanted = reply.sections.flatMap((s) => (s.chart ? [s.chart] : []));
  if (!charts || wanted.length === 0) return NO_CHART_IMAGES;
  const found = new Map<ChartModel, SlackImageSource>();
  await Promise.all(
    wanted.map(async (chart) => {
      const url = charts.publicUrlFor(chart);
      if (url && url.length <= MAX_IMAGE_URL) {
        found.set(chart, { image_url: url });
        return;
      }
      const files = uploaded.get(charts) ?? new Map<string, string>();
      uploaded.set(charts, files);
      const key = `${workspaceId}:${chartVersion(chart)}`;
      try {
        const id = files.get(key) ?? (await uploadChart(client, chart, await charts.png(chart)));
        if (!id) return;
        found.set(chart, { slack_file: { id } });
        files.set(key, id);
        if (files.size > MAX_REMEMBERED_UPLOADS) files.delete(files.keys().next().value as string);
      } catch (error) {
        logger.warn({ err: error, chart: chart.kind }, "could not upload a chart to Slack; showing its words instead");
      }
    }),
  );
  return (chart) => found.get(chart) ?? null;
}

async function uploadChart(client: WebClient, chart: ChartModel, png: Buffer): Promise<string | null> {
  const result = (await client.filesUploadV2({
    file: png,
    filename: `${chart.kind.replace("_", "-")}.png`,
    title: chart.altText.slice(0, 250),
    alt_text: chart.altText.slice(0, 1000),
  })) as { files?: Array<{ files?: Array<{ id?: string }> }> };
  return result.files?.[0]?.files?.[0]?.id ?? null;
}
