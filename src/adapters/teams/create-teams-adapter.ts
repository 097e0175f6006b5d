// Wires the Teams side of the bot: the Teams SDK's App and its handlers, the POST /api/messages
// route on our own server, and digest delivery. Every Teams SDK type stays inside
// src/adapters/teams (and mostly inside teams-app.ts, teams-turn.ts and teams-sender.ts).

import { type InvokeResponse, stripMentionsText } from "@microsoft/teams.api";
import type { IActivityContext } from "@microsoft/teams.apps";
import type { ChartImages } from "../../charts/chart-images.ts";
import { type Config, teamsMode } from "../../config/config.ts";
import type { ChatCore } from "../../core/chat-api.ts";
import { renderDigest } from "../../core/digest/render-digest.ts";
import type { ChatDelivery, Repositories } from "../../core/ports.ts";
import type { FileLinks } from "../../http/file-links.ts";
import type { Route } from "../../http/route.ts";
import type { Logger } from "../../logging/logger.ts";
import type { RenderDigest } from "./cards/digest-card.ts";
import { failureCard } from "./cards/notice-card.ts";
import { type ConversationPacer, createConversationPacer, type PacerClock } from "./delivery/conversation-pacer.ts";
import { forgetConversation } from "./delivery/forget-conversation.ts";
import type { RetryPolicy } from "./delivery/send-with-retry.ts";
import { createTeamsDelivery } from "./delivery/teams-delivery.ts";
import { type CardActionAnswer, handleCardAction, invokeAction } from "./handlers/handle-card-action.ts";
import { createInstallHandler } from "./handlers/handle-install.ts";
import { handleMessage } from "./handlers/handle-message.ts";
import { chartOptions, type TeamsHandlerDeps } from "./handlers/handler-deps.ts";
import { createMessagesRoute, TEAMS_MESSAGES_PATH } from "./messages-route.ts";
import { cardActivity } from "./render/card-activity.ts";
import { isBotFrameworkServiceUrl, isLoopbackServiceUrl } from "./service-url.ts";
import type { TeamsTurn } from "./teams-activity.ts";
import { type BotFrameworkEndpoints, createTeamsApp } from "./teams-app.ts";
import { createProactiveSender } from "./teams-sender.ts";
import { teamsTurn } from "./teams-turn.ts";

export type { BotFrameworkEndpoints } from "./teams-app.ts";

export interface TeamsAdapterOptions {
  config: Config;
  core: ChatCore;
  repos: Repositories;
  logger: Logger;
  /** Download links for files the core hands over (the cards' PDF); without them Print says links are off. */
  fileLinks?: FileLinks;
  /** Replaces the core's digest renderer (tests). */
  renderDigest?: RenderDigest;
  /** Bot Framework endpoints other than the public cloud's (tests, sovereign clouds). */
  endpoints?: BotFrameworkEndpoints;
  /** Delivery timing, for tests: a fake clock for pacing and backoff, a faster retry policy. */
  delivery?: { clock?: PacerClock; retryPolicy?: RetryPolicy; random?: () => number };
  /** Links the replies' charts to GET /charts/<token>.png. */
  charts?: ChartImages;
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

/** The body of an `adaptiveCard/action` invoke response: the card that replaces the clicked one, or a message. */
function invokeAnswer(answer: CardActionAnswer) {
  return typeof answer === "string"
    ? { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: answer }
    : { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: answer };
}

/** Null when Teams is off (no Microsoft credentials, no TEAMS_LOCAL): /api/messages is then not served at all. */
export function createTeamsAdapter(opts: TeamsAdapterOptions): TeamsAdapterHandle | null {
  if (teamsMode(opts.config) === "off") return null;
  const logger = opts.logger.child({ adapter: "teams" });
  const { app, adapter, mode, ready } = createTeamsApp(opts.config, logger, opts.endpoints);
  const deps: TeamsHandlerDeps = {
    core: opts.core,
    repos: opts.repos,
    logger,
    mode,
    ...(opts.charts ? { charts: opts.charts } : {}),
    ...(opts.fileLinks ? { fileLinks: opts.fileLinks } : {}),
  };
  const install = createInstallHandler(deps);

  // One handler for every activity: the SDK's routes by name would split what belongs together.
  app.use(async (ctx: IActivityContext): Promise<InvokeResponse | undefined> => {
    // Only the bot's own mention goes (a person's, "called Dr. Patel <at>Ana</at>", is the core's to read).
    if (ctx.activity.type === "message" && ctx.activity.text) {
      ctx.activity.text =
        stripMentionsText(ctx.activity, { accountId: ctx.activity.recipient.id }) ?? ctx.activity.text;
    }
    const turn = teamsTurn(ctx);
    const activity = turn.activity;
    switch (activity.type) {
      case "message":
        await guarded(turn, "message", () => handleMessage(turn, deps));
        return undefined;
      case "conversationUpdate":
        await guarded(turn, "install", async () => {
          await install.onMembersAdded(turn);
          if (botWasRemoved(turn)) await forgetConversation(deps, activity, "the bot was removed from the chat");
        });
        return undefined;
      case "installationUpdate":
        await guarded(turn, "install", async () => {
          await install.onInstallationUpdate(turn);
          if (String(activity.action ?? "").startsWith("remove")) {
            await forgetConversation(deps, activity, "the app was uninstalled from the chat");
          }
        });
        return undefined;
      case "invoke":
        // Invokes the bot does not offer (message extensions, task modules…) are not implemented here.
        if (activity.name !== "adaptiveCard/action") return { status: 501 };
        try {
          return { status: 200, body: invokeAnswer(await handleCardAction(turn, deps)) };
        } catch (error) {
          logger.error({ err: error, verb: invokeAction(activity).verb }, "Teams card action failed");
          return { status: 200, body: invokeAnswer(INVOKE_FAILURE) };
        }
      default:
        return undefined;
    }
  });

  async function guarded(turn: TeamsTurn, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.error({ err: error, what, activityType: turn.activity.type }, "Teams handler failed");
      if (turn.activity.type === "message") {
        await turn.send(cardActivity(failureCard())).catch((sendError: unknown) => {
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
    process: async (request) => {
      await ready;
      return adapter.handle(TEAMS_MESSAGES_PATH, request);
    },
  });

  const pacer: ConversationPacer = createConversationPacer(opts.delivery?.clock ? { clock: opts.delivery.clock } : {});
  const delivery = createTeamsDelivery({
    repos: opts.repos,
    logger,
    send: createProactiveSender(app),
    pacer,
    renderDigest: opts.renderDigest ?? renderDigest,
    ...(opts.charts ? { chartUrl: chartOptions({ charts: opts.charts }).chartUrl } : {}),
    onGone: (reference, target) =>
      forgetConversation(deps, reference, "Teams answered that the bot can no longer post there", target.memberId),
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

/** A conversationUpdate that names the bot among the members removed: the bot left the team or chat. */
function botWasRemoved(turn: TeamsTurn): boolean {
  const botId = turn.activity.recipient?.id;
  return (turn.activity.membersRemoved ?? []).some((m) => m.id === botId);
}
