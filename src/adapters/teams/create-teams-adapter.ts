// Wires the Teams side of the bot: the Bot Framework adapter, the teams-ai Application and its
// routes, the POST /api/messages route, and digest delivery. Every teams-ai and botbuilder type
// stays inside src/adapters/teams, so moving to the Teams SDK touches this folder alone.
import { Application } from "@microsoft/teams-ai";
import { ActivityTypes, type ConversationReference, TurnContext } from "botbuilder";
import { type Config, teamsMode } from "../../config/config.ts";
import type { ChatCore } from "../../core/chat-api.ts";
import { renderDigest } from "../../core/digest/render-digest.ts";
import type { ChatDelivery, Repositories } from "../../core/ports.ts";
import type { Route } from "../../http/route.ts";
import type { Logger } from "../../logging/logger.ts";
import type { RenderDigest } from "./cards/digest-card.ts";
import { failureCard } from "./cards/notice-card.ts";
import { type ConversationPacer, createConversationPacer, type PacerClock } from "./delivery/conversation-pacer.ts";
import type { RetryPolicy } from "./delivery/send-with-retry.ts";
import { createTeamsDelivery, type SendCard } from "./delivery/teams-delivery.ts";
import { type CardActionAnswer, handleCardAction } from "./handlers/handle-card-action.ts";
import { createInstallHandler } from "./handlers/handle-install.ts";
import { handleMessage } from "./handlers/handle-message.ts";
import type { TeamsHandlerDeps } from "./handlers/handler-deps.ts";
import { createMessagesRoute } from "./messages-route.ts";
import { cardActivity } from "./render/card-activity.ts";
import { isBotFrameworkServiceUrl, isLoopbackServiceUrl } from "./service-url.ts";
import { type BotFrameworkEndpoints, createBotAdapter } from "./teams-bot-adapter.ts";

export interface TeamsAdapterOptions {
  config: Config;
  core: ChatCore;
  repos: Repositories;
  logger: Logger;
  /** Replaces the core's digest renderer (tests). */
  renderDigest?: RenderDigest;
  /** Bot Framework endpoints other than the public cloud's (tests, sovereign clouds). */
  endpoints?: BotFrameworkEndpoints;
  /** Delivery timing, for tests: a fake clock for pacing and backoff, a faster retry policy. */
  delivery?: { clock?: PacerClock; retryPolicy?: RetryPolicy; random?: () => number };
}

export interface TeamsAdapterHandle {
  /** POST /api/messages, to mount on the shared HTTP server. */
  routes: Route[];
  /** Digest delivery to Teams chats, for the scheduler. */
  delivery: ChatDelivery;
  /** Stops taking requests, waits for those in flight and drops queued proactive sends. */
  stop(): Promise<void>;
}

const INVOKE_FAILURE = "Something went wrong on our side. Please try again in a minute.";

/** Null when Teams is off (no Microsoft credentials, no TEAMS_LOCAL): /api/messages is then not served at all. */
export function createTeamsAdapter(opts: TeamsAdapterOptions): TeamsAdapterHandle | null {
  if (teamsMode(opts.config) === "off") return null;
  const logger = opts.logger.child({ adapter: "teams" });
  const { adapter, mode, botAppId } = createBotAdapter(opts.config, logger, opts.endpoints);
  const deps: TeamsHandlerDeps = { core: opts.core, repos: opts.repos, logger, mode };

  // The typing timer is off: it lives on the Application, not the turn, so concurrent turns trip
  // over each other, and our replies come well within the second it waits.
  const app = new Application({ adapter, botAppId, startTypingTimer: false, removeRecipientMention: true });
  const install = createInstallHandler(deps);

  app.activity(ActivityTypes.Message, (turn) => guarded(turn, "message", () => handleMessage(turn, deps)));
  app.conversationUpdate("membersAdded", (turn) => guarded(turn, "install", () => install.onMembersAdded(turn)));
  app.activity(ActivityTypes.InstallationUpdate, (turn) =>
    guarded(turn, "install", () => install.onInstallationUpdate(turn)),
  );
  app.adaptiveCards.actionExecute(/.*/, async (turn): Promise<CardActionAnswer> => {
    try {
      return await handleCardAction(turn, deps);
    } catch (error) {
      logger.error({ err: error, verb: turn.activity.value?.action?.verb }, "Teams card action failed");
      return INVOKE_FAILURE;
    }
  });

  // A failure outside our handlers (a middleware, the library itself): log it, and say so in chat.
  adapter.onTurnError = async (turn, error) => {
    logger.error({ err: error, activityType: turn.activity.type }, "Teams turn failed");
    if (turn.activity.type === ActivityTypes.Message) {
      await turn.sendActivity(cardActivity(failureCard())).catch(() => undefined);
    }
  };

  async function guarded(turn: TurnContext, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error, what, activityType: turn.activity.type }, "Teams handler failed");
      if (turn.activity.type === ActivityTypes.Message) {
        await turn.sendActivity(cardActivity(failureCard())).catch((sendError: unknown) => {
          logger.warn({ err: sendError }, "could not tell the user about the failure");
        });
      }
    }
  }

  const route = createMessagesRoute({
    logger,
    mode,
    acceptServiceUrl:
      mode === "local" ? isLoopbackServiceUrl : (opts.endpoints?.acceptServiceUrl ?? isBotFrameworkServiceUrl),
    process: (req, res) =>
      adapter.process(req, res, async (turn) => {
        await app.run(turn);
      }),
  });

  const sendCard: SendCard = async (reference, card, summary) => {
    // Errors inside the callback would go to onTurnError and vanish; carry them out instead, so
    // the retry layer sees the connector's status.
    let failure: unknown;
    const conversation = reference as unknown as Partial<ConversationReference>;
    await adapter.continueConversationAsync(botAppId, conversation, async (turn) => {
      // turn.sendActivity would address a reply to the made-up continuation activity; a digest is
      // a new post, so it goes straight to the adapter with the stored (id-less) reference.
      const activity = TurnContext.applyConversationReference(cardActivity(card, summary), conversation);
      try {
        await turn.adapter.sendActivities(turn, [activity]);
      } catch (error) {
        failure = error;
      }
    });
    if (failure) throw failure;
  };

  const pacer: ConversationPacer = createConversationPacer(opts.delivery?.clock ? { clock: opts.delivery.clock } : {});
  const delivery = createTeamsDelivery({
    repos: opts.repos,
    logger,
    send: sendCard,
    pacer,
    renderDigest: opts.renderDigest ?? renderDigest,
    retry: {
      ...(opts.delivery?.clock ? { clock: opts.delivery.clock } : {}),
      ...(opts.delivery?.retryPolicy ? { policy: opts.delivery.retryPolicy } : {}),
      ...(opts.delivery?.random ? { random: opts.delivery.random } : {}),
    },
  });

  return {
    routes: [route],
    delivery,
    async stop() {
      pacer.stop();
      await route.drain();
    },
  };
}
