// `referral-nudge serve`: one HTTP server (health, Slack, Teams), the digest scheduler, clean shutdown.

import type { Server } from "node:http";
import { intakeRoutes } from "../adapters/api/intake-routes.ts";
import { TokenRateLimiter } from "../adapters/api/rate-limit.ts";
import { fhirRoutes } from "../adapters/fhir/fhir-routes.ts";
import { facilitySender } from "../adapters/hl7/facility-sender.ts";
import { hl7Routes } from "../adapters/hl7/hl7-routes.ts";
import { MllpServer, type MllpServerOptions } from "../adapters/hl7/mllp-server.ts";
import { admitHl7Message } from "../adapters/hl7/receive-hl7-message.ts";
import { type Config, listenHost, slackMode, teamsMode } from "../config/config.ts";
import type { ChatDelivery } from "../core/ports.ts";
import { SERVER_PAGE_CACHE_MB } from "../db/database.ts";
import { sealStoredInstallations } from "../db/seal-stored-secrets.ts";
import { secretCipherFor } from "../db/secret-cipher.ts";
import { createFileLinks, fileRoute } from "../http/file-links.ts";
import { healthRoutes } from "../http/health-route.ts";
import { createMetrics, metricsRoute } from "../http/metrics.ts";
import type { Route } from "../http/route.ts";
import { createHttpServer, listen } from "../http/server.ts";
import type { Logger } from "../logging/logger.ts";
import { createServerChartImages } from "./chart-wiring.ts";
import { createServices, type Services } from "./create-services.ts";
import { openMigratedDatabase } from "./open-app-database.ts";
import { startPlatforms } from "./platforms.ts";
import { installProcessGuards } from "./process-guards.ts";
import { VERSION } from "./version.ts";

export interface RunningApp {
  port: number;
  /** The MLLP port, when HL7_MLLP_PORT is set. */
  mllpPort: number | null;
  services: Services;
  server: Server;
  stop(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningApp> {
  const removeGuards = installProcessGuards(logger);
  const db = await openMigratedDatabase(config, (msg) => logger.info(msg), { pageCacheMb: SERVER_PAGE_CACHE_MB });
  const cipher = secretCipherFor(config);
  const { sealed } = await sealStoredInstallations(db.prisma, cipher);
  if (sealed > 0) logger.info(`Encrypted ${sealed} stored Slack installation(s) under ENCRYPTION_KEY.`);
  let reschedule: (practiceId: string) => void = () => {};
  const services = createServices(db, { logger, cipher, onSettingsChanged: (id) => reschedule(id) });
  await services.repos.practices.getOrCreateDefault();

  const metrics = createMetrics();
  const charts = createServerChartImages(config, logger, services.clock);
  // Download links (the cards' PDF in Teams) only where there is an address to link to: closed by default.
  let publicBase: string | null = config.PUBLIC_URL ?? null;
  const fileLinks =
    config.PUBLIC_URL || teamsMode(config) === "local"
      ? createFileLinks({ baseUrl: () => publicBase, ...(config.FILE_LINK_KEY ? { key: config.FILE_LINK_KEY } : {}) })
      : undefined;
  const platforms = await startPlatforms(config, services, logger, metrics, charts, fileLinks);
  // One allowance per token, whichever door its requests use.
  const rateLimiter = new TokenRateLimiter();
  const routes: Route[] = [
    ...healthRoutes(db.prisma, VERSION),
    ...charts.routes,
    ...(config.METRICS_TOKEN ? [metricsRoute(metrics, config.METRICS_TOKEN)] : []),
    ...intakeDoor(services, logger, rateLimiter),
    ...hl7HttpDoor(services, logger),
    ...fhirDoor(services, logger, rateLimiter),
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
  // The Agents Playground runs in a browser on this machine: without a public URL, charts and files link here.
  if (teamsMode(config) === "local") {
    const localBase = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
    charts.useLocalBase(localBase);
    publicBase ??= localBase;
  }
  logger.info(
    { port, host, database: db.provider },
    `Referral Nudge ${VERSION} listening on ${host}:${port} (GET /healthz, /livez, /readyz)`,
  );
  describePlatforms(config, logger);
  const mllp = config.HL7_MLLP_PORT ? hl7MllpDoor(services, logger) : null;
  const mllpPort = mllp ? await mllp.listen(config.HL7_MLLP_PORT!, host) : null;
  if (mllpPort) {
    logger.info(
      { mllpPort, host },
      `HL7 v2 over MLLP on ${host}:${mllpPort}; a sending facility (MSH-4) is read once linked: referral-nudge hl7 link --facility CODE.`,
    );
  }

  const scheduler = config.SCHEDULER === "on" ? await platforms.startScheduler(platforms.deliveries) : null;
  if (scheduler) reschedule = (id) => void scheduler.reschedule(id);

  return {
    port,
    mllpPort,
    services,
    server,
    async stop() {
      // New connections are refused at once; requests and a digest in flight get until the deadline. A
      // digest cut off there keeps its claim only until the claim's lease runs out, then another instance
      // (or this one, restarted) takes it over, so nothing is lost or sent twice.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // MLLP connections answer what they already sent, then close; cut at the same deadline.
      const drained = Promise.allSettled([
        scheduler?.stop(),
        platforms.stop(),
        closed,
        mllp?.stop(config.SHUTDOWN_TIMEOUT_MS),
      ]);
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
export function intakeDoor(services: Services, logger?: Logger, rateLimiter?: TokenRateLimiter): Route[] {
  return intakeRoutes(doorDeps(services, logger, rateLimiter));
}

/** The FHIR R4 door (under /fhir): the same tokens, rate and intake use case as the JSON door. */
export function fhirDoor(services: Services, logger?: Logger, rateLimiter?: TokenRateLimiter): Route[] {
  return fhirRoutes(doorDeps(services, logger, rateLimiter));
}

function doorDeps(services: Services, logger?: Logger, rateLimiter?: TokenRateLimiter) {
  return {
    apiTokens: services.apiTokens,
    ports: {
      intake: services.intakeStore,
      referrers: services.repos.referrers,
      referrersChanged: (id: string) => services.lookup.invalidate(id),
    },
    clock: services.clock,
    version: VERSION,
    ...(logger ? { logger } : {}),
    ...(rateLimiter ? { rateLimiter } : {}),
  };
}

/** The HL7 v2 door over HTTP (POST /hl7): always mounted, closed to anyone without a practice's token. */
export function hl7HttpDoor(services: Services, logger?: Logger): Route[] {
  return hl7Routes({
    apiTokens: services.apiTokens,
    ports: intakePorts(services),
    clock: services.clock,
    ...(logger ? { logger } : {}),
  });
}

/** The HL7 v2 door over MLLP: the sending facility (MSH-4) chooses the practice; unlinked ones are refused. */
export function hl7MllpDoor(
  services: Services,
  logger?: Logger,
  limits: Pick<MllpServerOptions, "idleTimeoutMs" | "quietTimeoutMs" | "maxMessageBytes"> = {},
): MllpServer {
  const deps = { ports: intakePorts(services), clock: services.clock, ...(logger ? { logger } : {}) };
  const choose = facilitySender(services.hl7Facilities);
  return new MllpServer({
    admit: async (text) => {
      const { answer } = await admitHl7Message(deps, text, choose);
      return { ack: answer.then((a) => a.ack) };
    },
    ...limits,
    ...(logger ? { logger } : {}),
  });
}

function intakePorts(services: Services) {
  return {
    intake: services.intakeStore,
    referrers: services.repos.referrers,
    referrersChanged: (id: string) => services.lookup.invalidate(id),
  };
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
    'The referral intake API is at POST /api/referrals (described at GET /api/openapi.json), and HL7 v2 at POST /hl7; they open only to a practice\'s token: referral-nudge tokens create --practice NAME --label "EHR feed".',
  );
  logger.info(
    "The FHIR R4 door is at /fhir (ServiceRequest, Task, batch and transaction Bundles; GET /fhir/metadata), with the same tokens.",
  );
}

export type { ChatDelivery };
