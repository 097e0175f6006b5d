// `referral-nudge serve`: one HTTP server (health, Slack, Teams), the digest scheduler, clean shutdown.

import type { Server } from "node:http";
import { intakeRoutes } from "../adapters/api/intake-routes.ts";
import { type Config, listenHost, slackMode, teamsMode } from "../config/config.ts";
import type { ChatDelivery } from "../core/ports.ts";
import { sealStoredInstallations } from "../db/seal-stored-secrets.ts";
import { secretCipherFor } from "../db/secret-cipher.ts";
import { createFileLinks, fileRoute } from "../http/file-links.ts";
import { healthRoutes } from "../http/health-route.ts";
import { createMetrics, metricsRoute } from "../http/metrics.ts";
import type { Route } from "../http/route.ts";
import { createHttpServer, listen } from "../http/server.ts";
import type { Logger } from "../logging/logger.ts";
import { createServices, type Services } from "./create-services.ts";
import { openMigratedDatabase } from "./open-app-database.ts";
import { startPlatforms } from "./platforms.ts";
import { installProcessGuards } from "./process-guards.ts";
import { VERSION } from "./version.ts";

export interface RunningApp {
  port: number;
  services: Services;
  server: Server;
  stop(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningApp> {
  const removeGuards = installProcessGuards(logger);
  const db = await openMigratedDatabase(config, (msg) => logger.info(msg));
  const cipher = secretCipherFor(config);
  const { sealed } = await sealStoredInstallations(db.prisma, cipher);
  if (sealed > 0) logger.info(`Encrypted ${sealed} stored Slack installation(s) under ENCRYPTION_KEY.`);
  let reschedule: (practiceId: string) => void = () => {};
  const services = createServices(db, { logger, cipher, onSettingsChanged: (id) => reschedule(id) });
  await services.repos.practices.getOrCreateDefault();

  const metrics = createMetrics();
  // Download links (the cards' PDF in Teams) only where there is an address to link to: closed by default.
  let publicBase: string | null = config.PUBLIC_URL ?? null;
  const fileLinks =
    config.PUBLIC_URL || config.TEAMS_LOCAL
      ? createFileLinks({ baseUrl: () => publicBase, ...(config.FILE_LINK_KEY ? { key: config.FILE_LINK_KEY } : {}) })
      : undefined;
  const platforms = await startPlatforms(config, services, logger, metrics, fileLinks);
  const routes: Route[] = [
    ...healthRoutes(db.prisma, VERSION),
    ...(config.METRICS_TOKEN ? [metricsRoute(metrics, config.METRICS_TOKEN)] : []),
    ...intakeDoor(services, logger),
    ...platforms.routes,
    ...(fileLinks
      ? [
          fileRoute(
            fileLinks,
            async (practiceId, ref) => (await services.core.fileFor?.(practiceId, ref)) ?? null,
            logger,
          ),
        ]
      : []),
  ];
  const server = createHttpServer(routes, logger, metrics);
  const host = listenHost(config);
  const port = await listen(server, config.PORT, host);
  // The Playground runs on this machine: its links point here.
  if (!publicBase && config.TEAMS_LOCAL) publicBase = `http://127.0.0.1:${port}`;
  logger.info(
    { port, host, database: db.provider },
    `Referral Nudge ${VERSION} listening on ${host}:${port} (GET /healthz, /livez, /readyz)`,
  );
  describePlatforms(config, logger);

  const scheduler = config.SCHEDULER === "on" ? await platforms.startScheduler(platforms.deliveries) : null;
  if (scheduler) reschedule = (id) => void scheduler.reschedule(id);

  return {
    port,
    services,
    server,
    async stop() {
      // New connections are refused at once; requests and a digest in flight get until the deadline. A
      // digest cut off there keeps its claim only until the claim's lease runs out, then another instance
      // (or this one, restarted) takes it over, so nothing is lost or sent twice.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = Promise.allSettled([scheduler?.stop(), platforms.stop(), closed]);
      if ((await settleWithin(drained, config.SHUTDOWN_TIMEOUT_MS)) === "timed out") {
        logger.warn(`Stopping with work still in flight after ${config.SHUTDOWN_TIMEOUT_MS} ms.`);
        server.closeAllConnections();
      }
      await db.close();
      removeGuards();
    },
  };
}

/** The JSON intake door (POST /api/referrals): always mounted, closed to anyone without a practice's token. */
export function intakeDoor(services: Services, logger?: Logger): Route[] {
  return intakeRoutes({
    apiTokens: services.apiTokens,
    ports: {
      intake: services.intakeStore,
      referrers: services.repos.referrers,
      referrersChanged: (id) => services.lookup.invalidate(id),
    },
    clock: services.clock,
    version: VERSION,
    ...(logger ? { logger } : {}),
  });
}

async function settleWithin(work: Promise<unknown>, ms: number): Promise<"done" | "timed out"> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), ms);
  });
  try {
    return await Promise.race([work.then(() => "done" as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Plain words about what is on and off, and what turns it on. */
function describePlatforms(config: Config, logger: Logger) {
  const slack = slackMode(config);
  if (slack === "off") {
    logger.info(
      "Slack is off. To turn it on set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (one workspace), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET and ENCRYPTION_KEY (many workspaces); add SLACK_APP_TOKEN for Socket Mode.",
    );
  } else logger.info(`Slack is on (${slack} mode) at POST /slack/events.`);
  const teams = teamsMode(config);
  if (teams === "off") {
    logger.info(
      "Teams is off (POST /api/messages answers 404). To connect real Teams set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID; to try it in the Agents Playground on this machine run npm run playground (TEAMS_LOCAL=1).",
    );
  } else if (teams === "local") {
    logger.info(
      `Teams is in local mode at POST /api/messages (TEAMS_LOCAL=1), listening on ${listenHost(config)} only.${
        listenHost(config) === config.HOST ? "" : ` HOST=${config.HOST} is ignored in local mode.`
      }`,
    );
  } else logger.info("Teams is on at POST /api/messages; every request's token is checked.");
  logger.info(
    'The referral intake API is at POST /api/referrals (described at GET /api/openapi.json); it opens only to a practice\'s token: referral-nudge tokens create --practice NAME --label "EHR feed".',
  );
}

export type { ChatDelivery };
