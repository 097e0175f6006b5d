// The Teams SDK's App, set up from configuration. With MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD
// every request's Bot Framework token is checked by the SDK and the bot's own calls carry a token;
// without them (TEAMS_LOCAL=1) the bot runs anonymously for the Agents Playground on this machine.
// The SDK serves nothing itself: its request handling is mounted on our server (route-adapter.ts).

import { PUBLIC, withOverrides } from "@microsoft/teams.api";
import { App } from "@microsoft/teams.apps";
import type { ILogger } from "@microsoft/teams.common";
import { type Config, teamsMode } from "../../config/config.ts";
import type { Logger } from "../../logging/logger.ts";
import type { TeamsMode } from "./chat-context.ts";
import { TEAMS_MESSAGES_PATH } from "./messages-route.ts";
import { RouteAdapter } from "./route-adapter.ts";

export interface BotFrameworkEndpoints {
  /** Where channel tokens' signing keys are published; only tests and sovereign clouds change it. */
  openIdMetadataUrl?: string;
  /**
   * Which serviceUrls replies may go to when signed in: the Bot Framework's known hosts
   * (isBotFrameworkServiceUrl) unless a test's local connector or a sovereign cloud needs others.
   */
  acceptServiceUrl?: (serviceUrl: string) => boolean;
  /**
   * Where the bot's own outbound tokens come from: Microsoft's login service unless a test stands
   * in for it (a signed-in bot's replies cannot reach a local connector otherwise).
   */
  outboundToken?: (scope: string | string[], tenantId?: string) => string | Promise<string>;
}

export interface TeamsAppSetup {
  app: App;
  /** Where the SDK's handler for POST /api/messages ends up. */
  adapter: RouteAdapter;
  mode: TeamsMode;
  /** Empty in local mode. */
  botAppId: string;
  /** Resolves once the SDK has set itself up (registered its handler with the adapter). */
  ready: Promise<void>;
}

export function createTeamsApp(config: Config, logger: Logger, endpoints: BotFrameworkEndpoints = {}): TeamsAppSetup {
  const mode: TeamsMode = teamsMode(config) === "authenticated" ? "authenticated" : "local";
  const botAppId = mode === "authenticated" ? (config.MICROSOFT_APP_ID ?? "") : "";
  const appType = config.MICROSOFT_APP_TYPE ?? "MultiTenant";
  const adapter = new RouteAdapter();
  const credentials =
    mode === "authenticated"
      ? {
          clientId: botAppId,
          ...(endpoints.outboundToken
            ? { token: endpoints.outboundToken }
            : { clientSecret: config.MICROSOFT_APP_PASSWORD ?? "" }),
          // A multi-tenant bot gets its tokens from the common authority; naming a tenant would pin it to one.
          ...(appType !== "MultiTenant" && config.MICROSOFT_APP_TENANT_ID
            ? { tenantId: config.MICROSOFT_APP_TENANT_ID }
            : {}),
        }
      : // Explicitly empty, so the SDK does not pick up CLIENT_ID / CLIENT_SECRET from the environment.
        { clientId: "", clientSecret: "", tenantId: "" };

  const app = new App({
    ...credentials,
    httpServerAdapter: adapter,
    messagingEndpoint: TEAMS_MESSAGES_PATH,
    // Local mode has no Microsoft sign-in: the route keeps it on this machine (service-url.ts, listen host).
    dangerouslyAllowUnauthenticatedRequests: mode === "local",
    ...(endpoints.openIdMetadataUrl
      ? { cloud: withOverrides(PUBLIC, { openIdMetadataUrl: endpoints.openIdMetadataUrl }) }
      : {}),
    // No turn state: every fact lives in our database.
    state: false,
    logger: sdkLogger(logger),
  });
  const ready = app.initialize();
  // Said at once (not only when the first request finds no handler), and not an unhandled rejection.
  ready.catch((error: unknown) =>
    logger.error({ err: error }, "the Teams SDK did not start; /api/messages answers 500"),
  );

  if (mode === "authenticated") {
    logger.info(
      { appId: botAppId, appType },
      "Teams: authenticated mode. Every request to /api/messages must carry a valid Bot Framework token.",
    );
  } else {
    logger.warn(
      "Teams: local mode (TEAMS_LOCAL=1). Requests are not authenticated, so the server listens on this machine " +
        "only, replies go only to a connector on this machine, and everyone who talks to the bot is an admin: " +
        "for the Agents Playground, never for a server others can reach. Each tenant gets a practice of its own; " +
        'to use existing data run: referral-nudge workspaces link --platform teams --id <tenant id> --practice "<name>"',
    );
  }
  return { app, adapter, mode, botAppId, ready };
}

/**
 * The SDK logs through our pino logger: its debug lines (whole activities, with the text people
 * typed) stay at debug, which production does not write.
 */
function sdkLogger(logger: Logger, name = "teams-sdk"): ILogger {
  const log = logger.child({ sdk: name });
  const children = new Map<string, ILogger>();
  const line = (msg: unknown[]) =>
    msg
      .map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : ""))
      .join(" ")
      .trim();
  // Formatted only when written: the SDK logs every activity at debug.
  const at =
    (level: "trace" | "debug" | "warn") =>
    (...msg: unknown[]) => {
      if (log.isLevelEnabled(level)) log[level](line(msg));
    };
  return {
    debug: at("debug"),
    info: at("debug"),
    warn: at("warn"),
    // Only the message and stack of an error: an HTTP client's error carries the request's bearer token.
    error: (...msg: unknown[]) => {
      const error = msg.find((m) => m instanceof Error);
      log.error(error ? { err: { name: error.name, message: error.message, stack: error.stack } } : {}, line(msg));
    },
    trace: at("trace"),
    log: (_level, ...msg: unknown[]) => at("debug")(...msg),
    // Every turn asks for the same few children ("files", "stream"): made once, not per turn.
    child: (childName: string) => {
      const known = children.get(childName);
      if (known) return known;
      const child = sdkLogger(logger, `${name}/${childName}`);
      children.set(childName, child);
      return child;
    },
  };
}
