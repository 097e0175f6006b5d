// Runs the Teams adapter on the lead's HTTP server next to a fake Bot Framework connector, so tests
// speak the real protocol both ways, on the real core (`realCore`) or on a scripted stand-in. Every card the bot sends (to the connector, or back in an
// invoke response) is collected so a test can check them all.

import {
  createTeamsAdapter,
  type TeamsAdapterHandle,
  type TeamsAdapterOptions,
} from "../../../../src/adapters/teams/create-teams-adapter.ts";
import type { CardActionAnswer } from "../../../../src/adapters/teams/handlers/handle-card-action.ts";
import { fieldErrorId } from "../../../../src/adapters/teams/render/form-to-card.ts";
import type { ChartImages } from "../../../../src/charts/chart-images.ts";
import { loadConfig } from "../../../../src/config/config.ts";
import type { ChatCore } from "../../../../src/core/chat-api.ts";
import type { Repositories } from "../../../../src/core/ports.ts";
import { type FileLinks, fileRoute } from "../../../../src/http/file-links.ts";
import { createHttpServer, listen } from "../../../../src/http/server.ts";
import { silentLogger } from "../../../../src/logging/logger.ts";
import { type FakeConnector, startFakeConnector } from "../../../support/fake-connector.ts";
import {
  type ActivityOptions,
  cardActionActivity,
  messageActivity,
  type PostResult,
  postActivity,
} from "../../../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../../../support/test-app.ts";
import { assertValidCard } from "./card-validator.ts";
import { createStandIn, type StandIn } from "./stand-in-core.ts";

export interface TeamsHarness {
  botUrl: string;
  connector: FakeConnector;
  teams: TeamsAdapterHandle;
  /** The repositories the adapter writes to (the real app's, or the stand-in's). */
  repos: Repositories;
  /** The real app (core + SQLite), when started with `realCore`. */
  app: TestApp | null;
  /** The scripted core, when started without `realCore` and without a core of its own. */
  standIn: StandIn;
  /** Defaults for activities: the fake connector's serviceUrl. */
  base: ActivityOptions;
  /** Cards returned in invoke responses (the connector sees the rest). */
  invokeCards: unknown[];
  send(text: string, opts?: Partial<ActivityOptions>): Promise<PostResult>;
  click(
    action: { verb: string; data: Record<string, unknown>; replyToId: string },
    opts?: Partial<ActivityOptions>,
  ): Promise<PostResult & { answer: CardActionAnswer | undefined }>;
  post(activity: Record<string, unknown> | string, headers?: Record<string, string>): Promise<PostResult>;
  /** Throws if any card the bot sent so far is not a valid Adaptive Card 1.5 within Teams' size. */
  assertAllCardsValid(): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Run on the real core over a fresh, migrated SQLite database (closed with the harness). */
  realCore?: boolean;
  env?: Record<string, string>;
  core?: ChatCore;
  repos?: Repositories;
  renderDigest?: TeamsAdapterOptions["renderDigest"];
  delivery?: TeamsAdapterOptions["delivery"];
  endpoints?: TeamsAdapterOptions["endpoints"];
  /** Where the adapter logs (silent unless a test reads the logs). */
  logger?: TeamsAdapterOptions["logger"];
  /** Chart images, served by the same server as the bot (its routes mounted, links to its address). */
  charts?: ChartImages;
  /** Download links for files (the cards' PDF), served by the harness's server beside /api/messages. */
  fileLinks?: FileLinks;
}

export async function startTeamsHarness(opts: HarnessOptions = {}): Promise<TeamsHarness> {
  const connector = await startFakeConnector();
  const standIn = createStandIn();
  const app = opts.realCore ? await createTestApp() : null;
  const core = opts.core ?? app?.core ?? standIn.core;
  const repos = opts.repos ?? app?.repos ?? standIn.repos;
  // Local mode (the Playground's) unless the test signs in: Teams is off without either.
  const local = opts.env?.["MICROSOFT_APP_ID"] ? {} : { TEAMS_LOCAL: "1" };
  const config = loadConfig({ NODE_ENV: "test", ...local, ...opts.env });
  const teams = createTeamsAdapter({
    config,
    core,
    repos,
    logger: opts.logger ?? silentLogger(),
    ...(opts.renderDigest ? { renderDigest: opts.renderDigest } : {}),
    ...(opts.delivery ? { delivery: opts.delivery } : {}),
    ...(opts.endpoints ? { endpoints: opts.endpoints } : {}),
    ...(opts.charts ? { charts: opts.charts } : {}),
    ...(opts.fileLinks ? { fileLinks: opts.fileLinks } : {}),
  });
  if (!teams) throw new Error("Teams is off for this configuration");

  const fileRoutes = opts.fileLinks
    ? [
        fileRoute(
          opts.fileLinks,
          async (practiceId, ref) => (await core.fileFor?.(practiceId, ref)) ?? null,
          silentLogger(),
        ),
      ]
    : [];
  const server = createHttpServer([...teams.routes, ...(opts.charts?.routes ?? []), ...fileRoutes]);
  const origin = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  opts.charts?.useLocalBase(origin);
  const botUrl = `${origin}/api/messages`;
  const base: ActivityOptions = { serviceUrl: connector.serviceUrl };
  const invokeCards: unknown[] = [];

  const harness: TeamsHarness = {
    botUrl,
    connector,
    teams,
    repos,
    app,
    standIn,
    base,
    invokeCards,
    send: (text, more = {}) => postActivity(botUrl, messageActivity(text, { ...base, ...more })),
    async click(action, more = {}) {
      const result = await postActivity(botUrl, cardActionActivity(action, { ...base, ...more }));
      const body = result.body as { type?: string; value?: unknown } | undefined;
      const answer = body && typeof body === "object" ? (body.value as CardActionAnswer) : undefined;
      if (body?.type === "application/vnd.microsoft.card.adaptive") invokeCards.push(body.value);
      return { ...result, answer };
    },
    post: (activity, headers) => postActivity(botUrl, activity, headers),
    assertAllCardsValid() {
      for (const [i, card] of connector.cards().entries()) assertValidCard(card, `connector card #${i + 1}`);
      for (const [i, card] of invokeCards.entries()) assertValidCard(card, `invoke card #${i + 1}`);
    },
    async close() {
      await teams.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      await app?.close();
    },
  };
  return harness;
}

/** The Adaptive Card inside a recorded activity. */
export function cardOf(activity: { attachments?: { content: unknown }[] }): CardJson {
  const content = activity.attachments?.[0]?.content;
  if (!content) throw new Error("the activity carries no card");
  return content as CardJson;
}

export interface CardJson {
  type: string;
  body: Record<string, unknown>[];
}

/** All text in a card, for assertions that read like what a user sees (Markdown escapes shown as the characters). */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  JSON.stringify(card, (key, value) => {
    if ((key === "text" || key === "title" || key === "value") && typeof value === "string") {
      parts.push(value.replace(/\\([\\`*_{}[\]()#!<>|~+\-=.])/g, "$1"));
    }
    return value;
  });
  return parts.join("\n");
}

/** Every Action.Execute in a card. */
export function cardButtons(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const found: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  JSON.stringify(card, (_key, value) => {
    if (value && typeof value === "object" && (value as { type?: unknown }).type === "Action.Execute") {
      found.push(value as { title: string; verb: string; data: Record<string, unknown> });
    }
    return value;
  });
  return found;
}

/** Every input of a card (Input.Text, Input.ChoiceSet, …), in order. */
export function cardInputs(card: unknown): { type: string; id: string; [key: string]: unknown }[] {
  const found: { type: string; id: string }[] = [];
  JSON.stringify(card, (_key, value) => {
    const type = value && typeof value === "object" ? (value as { type?: unknown }).type : undefined;
    if (typeof type === "string" && type.startsWith("Input.")) found.push(value as { type: string; id: string });
    return value;
  });
  return found;
}

/** The value an input of the card is drawn with. */
export function inputValue(card: unknown, id: string): unknown {
  return cardInputs(card).find((input) => input.id === id)?.["value"];
}

/** The field errors a form card shows under its fields (form-to-card.ts), by field name, as the user reads them. */
export function fieldErrorsOfCard(card: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  JSON.stringify(card, (_key, value) => {
    if (value && typeof value === "object" && (value as { type?: unknown }).type === "TextBlock") {
      const { id, text } = value as { id?: unknown; text?: unknown };
      const name = typeof id === "string" ? fieldNameOfErrorId(id) : null;
      if (name && typeof text === "string") errors[name] = cardText({ text });
    }
    return value;
  });
  return errors;
}

function fieldNameOfErrorId(id: string): string | null {
  const suffix = fieldErrorId("");
  return id.endsWith(suffix) ? id.slice(0, -suffix.length) : null;
}
