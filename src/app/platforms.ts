// Which chat platforms run, their routes and digest deliveries, and the scheduler over them.

import { createSlackAdapter } from "../adapters/slack/create-slack-adapter.ts";
import { createTeamsAdapter } from "../adapters/teams/create-teams-adapter.ts";
import type { ChartImages } from "../charts/chart-images.ts";
import type { Config } from "../config/config.ts";
import type { ChatDelivery } from "../core/ports.ts";
import type { FileLinks } from "../http/file-links.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Route } from "../http/route.ts";
import type { Logger } from "../logging/logger.ts";
import { withConsoleFallback } from "../scheduler/console-delivery.ts";
import { createDigestNow } from "../scheduler/digest-now.ts";
import { createDigestScheduler, type DigestScheduler, defaultInstanceId } from "../scheduler/digest-scheduler.ts";
import type { Services } from "./create-services.ts";

export interface Platforms {
  routes: Route[];
  deliveries: ChatDelivery[];
  startScheduler(deliveries: ChatDelivery[]): Promise<DigestScheduler>;
  stop(): Promise<void>;
}

export async function startPlatforms(
  config: Config,
  services: Services,
  logger: Logger,
  metrics?: Metrics,
  charts?: ChartImages,
  fileLinks?: FileLinks,
): Promise<Platforms> {
  const base = { config, core: services.core, repos: services.repos, logger, ...(charts ? { charts } : {}) };
  const slack = createSlackAdapter(base);
  const teams = createTeamsAdapter({ ...base, ...(fileLinks ? { fileLinks } : {}) });
  await slack?.start();
  const chat = [...(slack ? [slack.delivery] : []), ...(teams ? [teams.delivery] : [])];
  const deliveries = withConsoleFallback(metrics ? chat.map((d) => metrics.countDeliveries(d)) : chat);
  // "/referrals digest now" sends through the same deliveries and claim as the schedule.
  services.deps.digestNow = createDigestNow({
    repos: services.repos,
    store: services.digestRuns,
    data: services.digestData,
    exposures: services.exposures,
    cards: services.cardData,
    chartData: services.deps.chartData,
    deliveries,
    logger: logger.child({ component: "digest-now" }),
    instanceId: `chat:${config.INSTANCE_ID ?? defaultInstanceId()}`,
  });
  let scheduler: DigestScheduler | null = null;
  return {
    routes: [...(slack?.routes ?? []), ...(teams?.routes ?? [])],
    deliveries,
    async startScheduler(list) {
      scheduler = createDigestScheduler({
        repos: services.repos,
        store: services.digestRuns,
        due: services.digestDue,
        deliveries: list,
        logger: logger.child({ component: "scheduler" }),
        ...(config.INSTANCE_ID ? { instanceId: config.INSTANCE_ID } : {}),
        data: services.digestData,
        exposures: services.exposures,
        weekly: { team: services.team, runs: services.teamSummaryRuns },
        cards: services.cardData,
        chartData: services.deps.chartData,
      });
      await scheduler.start();
      return scheduler;
    },
    async stop() {
      await Promise.allSettled([slack?.stop(), teams?.stop()]);
    },
  };
}
