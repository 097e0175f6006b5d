// Wiring only: the Bolt app for the configured Slack mode, its listeners, the HTTP routes the bot's
// one server mounts, and the digest delivery. Business logic lives in the core and the listeners.
//
// Modes (config.slackMode):
//   single  SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET: one workspace, events over HTTP.
//   oauth   SLACK_CLIENT_ID/SECRET/STATE_SECRET: any workspace installs through /slack/install.
//   socket  SLACK_APP_TOKEN: events over a WebSocket (with a bot token, or OAuth for the tokens).
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, type Authorize, HTTPReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { ChartImages } from "../../charts/chart-images.ts";
import { type Config, slackMode } from "../../config/config.ts";
import type { ChatCore } from "../../core/chat-api.ts";
import type { Digest } from "../../core/digest/digest-model.ts";
import { renderDigest } from "../../core/digest/render-digest.ts";
import type { ChatDelivery, Repositories } from "../../core/ports.ts";
import type { Reply } from "../../core/reply.ts";
import type { Route } from "../../http/route.ts";
import type { Logger } from "../../logging/logger.ts";
import { toBoltLogger } from "./bolt-logger.ts";
import { createSlackDelivery, type SlackTokenSource } from "./delivery.ts";
import { botTokenFor, createInstallationStore } from "./installation-store.ts";
import { registerListeners } from "./listeners/index.ts";
import { type SlackClientTuning, slackClientOptions, type WebClient, WebClientPool } from "./slack-client.ts";
import { OPERATOR_WORKSPACE } from "./slack-context.ts";
import { checkSlackRequest, isReadableSlackBody } from "./slack-door.ts";
import { SlackUsers } from "./slack-users.ts";

export interface SlackAdapter {
  /** Mounted by the bot's HTTP server: POST /slack/events, and GET /slack/install + /slack/oauth_redirect with OAuth. */
  routes: Route[];
  /** Sends the daily digest to the practice's Slack channel(s) and its physicians' DMs. */
  delivery: ChatDelivery;
  /** Opens the Socket Mode connection; nothing to do over HTTP (the server is the lead's). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface CreateSlackAdapterOptions {
  config: Config;
  core: ChatCore;
  repos: Repositories;
  logger: Logger;
  /** Draws the digest; the core's renderDigest unless a test swaps it. */
  renderDigest?: (digest: Digest) => Reply;
  /** Retry and timeout of Web API calls; tests shorten them. */
  tuning?: SlackClientTuning;
  /** Draws the replies' charts (image blocks, or uploads without a public URL). */
  charts?: ChartImages;
}

/** The smallest set the bot needs; the manifest declares the same (a test checks). */
export const SLACK_BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "im:write",
  "users:read",
  // Only to read back whether a digest got there already, after an instance died mid-send (delivery.ts).
  "channels:history",
  "groups:history",
  "im:history",
  // Charts go up as files when the bot has no public URL (Socket Mode); the cards' PDF always does.
  "files:write",
] as const;

export const SLACK_PATHS = {
  events: "/slack/events",
  install: "/slack/install",
  oauthRedirect: "/slack/oauth_redirect",
} as const;

/**
 * One bot token: auth.test once, on the first request, and again only if that failed. The team it
 * names is the workspace the operator configured (`onTeam`), the one that may join the default practice.
 */
function singleTokenAuthorize(client: WebClient, token: string, onTeam: (teamId: string) => void): Authorize<boolean> {
  let ids: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    ids ??= client.auth
      .test({ token })
      .then((r) => {
        if (r.team_id) onTeam(r.team_id);
        return {
          ...(r.bot_id ? { botId: r.bot_id } : {}),
          ...(r.user_id ? { botUserId: r.user_id } : {}),
        };
      })
      .catch((error: unknown) => {
        ids = undefined;
        throw error;
      });
    return { botToken: token, ...(await ids) };
  };
}

function routeFor(
  method: Route["method"],
  path: string,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
) {
  return {
    method,
    path,
    handle(req: IncomingMessage, res: ServerResponse) {
      try {
        listener(req, res);
      } catch {
        // Bolt throws for paths it does not serve; the server's own 404 is the right answer.
        if (!res.headersSent) res.writeHead(404).end();
      }
    },
  } satisfies Route;
}

export function createSlackAdapter(opts: CreateSlackAdapterOptions): SlackAdapter | null {
  const { config, core, repos } = opts;
  const mode = slackMode(config);
  if (mode === "off") return null;

  const logger = opts.logger.child({ component: "slack" });
  const boltLogger = toBoltLogger(opts.logger);
  const clientOptions = slackClientOptions(config, opts.logger, opts.tuning);
  const clients = new WebClientPool(clientOptions);
  const botToken = config.SLACK_BOT_TOKEN;
  const hasOAuth = Boolean(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET);
  // With a bot token, socket mode serves that one workspace; without one, OAuth installs give the tokens.
  const useOAuth = mode === "oauth" || (mode === "socket" && !botToken && hasOAuth);

  // The receiver that owns the OAuth install pages. Over HTTP it also receives the events; in socket
  // mode it only serves the two GET pages and its events endpoint is never mounted.
  const oauthReceiver = useOAuth
    ? new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? "",
        signatureVerification: mode !== "socket",
        processBeforeResponse: false,
        clientId: config.SLACK_CLIENT_ID as string,
        clientSecret: config.SLACK_CLIENT_SECRET as string,
        stateSecret: config.SLACK_STATE_SECRET as string,
        scopes: [...SLACK_BOT_SCOPES],
        installationStore: createInstallationStore(repos),
        installerOptions: {
          installPath: SLACK_PATHS.install,
          redirectUriPath: SLACK_PATHS.oauthRedirect,
          clientOptions,
        },
        logger: boltLogger,
      })
    : undefined;

  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  if (mode === "socket") {
    receiver = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN as string,
      logger: boltLogger,
      // The socket client opens its connection with apps.connections.open through these options.
      installerOptions: { clientOptions },
    });
  } else {
    // processBeforeResponse stays false: the HTTP answer goes out at ack(), and the work follows.
    httpReceiver =
      oauthReceiver ??
      new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET as string,
        processBeforeResponse: false,
        logger: boltLogger,
      });
    receiver = httpReceiver;
  }

  const installer = oauthReceiver?.installer;
  let authorize: Authorize<boolean> | undefined;
  let operatorTeam: string | undefined;
  if (botToken && !useOAuth) {
    authorize = singleTokenAuthorize(clients.get(botToken), botToken, (teamId) => {
      operatorTeam = teamId;
    });
  } else if (mode === "socket" && installer) authorize = (source) => installer.authorize(source);
  // Over HTTP with OAuth, Bolt takes authorize from the receiver's installer itself.

  const app = new App({
    receiver,
    ...(authorize ? { authorize } : {}),
    logger: boltLogger,
    clientOptions,
  });
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });
  // A body the listeners cannot read is acknowledged and dropped here (over HTTP the door refused it already).
  app.use(async (args) => {
    if (isReadableSlackBody(args.body)) return args.next();
    logger.warn("dropped a Slack payload the listeners cannot read");
    const ack = (args as { ack?: () => Promise<void> }).ack;
    await ack?.();
  });
  // Marks requests from the single-token workspace (see slack-context.ts chatContext); OAuth installs never are.
  app.use(async ({ context, next }) => {
    context[OPERATOR_WORKSPACE] = operatorTeam !== undefined && context.teamId === operatorTeam;
    await next();
  });
  registerListeners(app, {
    core,
    repos,
    logger,
    users: new SlackUsers(),
    ...(opts.charts ? { charts: opts.charts } : {}),
  });

  const routes: Route[] = [];
  if (httpReceiver) {
    const listener = httpReceiver.requestListener;
    const signingSecret = config.SLACK_SIGNING_SECRET ?? "";
    routes.push({
      method: "POST",
      path: SLACK_PATHS.events,
      async handle(req, res) {
        const verdict = await checkSlackRequest(req, signingSecret);
        if (!verdict.ok) {
          logger.info({ status: verdict.status, reason: verdict.reason }, "refused a Slack request at the door");
          res.writeHead(verdict.status, { "content-type": "text/plain; charset=utf-8" }).end(verdict.reason);
          return;
        }
        routeFor("POST", SLACK_PATHS.events, listener).handle(req, res);
      },
    });
  }
  if (oauthReceiver) {
    routes.push(routeFor("GET", SLACK_PATHS.install, oauthReceiver.requestListener));
    routes.push(routeFor("GET", SLACK_PATHS.oauthRedirect, oauthReceiver.requestListener));
  }

  const tokens: SlackTokenSource = useOAuth
    ? { tokenFor: async (link) => (link ? botTokenFor(repos, link.externalId) : null) }
    : { tokenFor: async () => botToken ?? null };
  const delivery = createSlackDelivery({
    repos,
    clients,
    tokens,
    renderDigest: opts.renderDigest ?? renderDigest,
    ...(opts.charts ? { charts: opts.charts } : {}),
    logger,
  });

  return {
    routes,
    delivery,
    async start() {
      if (mode === "socket") await app.start();
      logger.info({ mode }, "slack adapter ready");
    },
    async stop() {
      if (mode === "socket") await app.stop();
    },
  };
}
