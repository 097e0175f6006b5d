// The Bot Framework adapter, set up from configuration. With MICROSOFT_APP_ID and
// MICROSOFT_APP_PASSWORD every request's JWT is checked by botbuilder and replies carry a token;
// without them the bot runs anonymously for the Agents Playground on this machine.
import { TeamsAdapter } from "@microsoft/teams-ai";
import {
  type Activity,
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
// botbuilder's own dependency (same copy), imported for the error class its CloudAdapter maps to 401.
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  type ServiceClientCredentialsFactory,
} from "botframework-connector";
import { type Config, teamsMode } from "../../config/config.ts";
import type { Logger } from "../../logging/logger.ts";
import type { TeamsMode } from "./chat-context.ts";

export interface BotAdapterSetup {
  adapter: TeamsAdapter;
  mode: TeamsMode;
  /** Empty in local mode. */
  botAppId: string;
}

/**
 * botbuilder answers a token whose signature, audience or dates are wrong with a 500 (the JWT
 * library's error escapes its AuthenticationError mapping); the Bot Framework would retry it.
 * Such a request is unauthorised, so it gets a 401 like a missing token does.
 */
class TokenCheckingTeamsAdapter extends TeamsAdapter {
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    try {
      return await super.processActivity(auth as string, activity, logic);
    } catch (error) {
      if (isJwtError(error)) throw new AuthenticationError(`Unauthorized: ${error.message}`, 401);
      throw error;
    }
  }
}

function isJwtError(error: unknown): error is Error {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "JsonWebTokenError" || name === "NotBeforeError" || name === "TokenExpiredError";
}

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
  outboundCredentials?: ServiceClientCredentialsFactory;
}

/**
 * botbuilder takes the public cloud's endpoints as a set: overriding one means stating them all,
 * or the others silently become empty (and every token is refused).
 */
function publicCloudWith(endpoints: BotFrameworkEndpoints): Record<string, string | boolean> {
  if (!endpoints.openIdMetadataUrl) return {};
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

export function createBotAdapter(
  config: Config,
  logger: Logger,
  endpoints: BotFrameworkEndpoints = {},
): BotAdapterSetup {
  const mode: TeamsMode = teamsMode(config) === "authenticated" ? "authenticated" : "local";
  const botAppId = mode === "authenticated" ? (config.MICROSOFT_APP_ID ?? "") : "";
  const auth = {
    MicrosoftAppId: botAppId,
    MicrosoftAppPassword: mode === "authenticated" ? (config.MICROSOFT_APP_PASSWORD ?? "") : "",
    MicrosoftAppType: config.MICROSOFT_APP_TYPE ?? "MultiTenant",
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID ?? "",
  };
  const adapter = new TokenCheckingTeamsAdapter(
    { ...auth, ...publicCloudWith(endpoints) },
    endpoints.outboundCredentials ?? new ConfigurationServiceClientCredentialFactory(auth),
  );

  if (mode === "authenticated") {
    logger.info(
      { appId: botAppId, appType: auth.MicrosoftAppType },
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
  return { adapter, mode, botAppId };
}
