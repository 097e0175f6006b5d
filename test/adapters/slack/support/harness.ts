// The Slack adapter running for real: its routes mounted on an HTTP server, its Web API calls going
// to the fake Slack, and helpers that send signed requests the way Slack does.

import {
  type CreateSlackAdapterOptions,
  createSlackAdapter,
  type SlackAdapter,
} from "../../../../src/adapters/slack/create-slack-adapter.ts";
import { type Config, loadConfig } from "../../../../src/config/config.ts";
import type { ChatCore } from "../../../../src/core/chat-api.ts";
import type { Repositories } from "../../../../src/core/ports.ts";
import { silentLogger } from "../../../../src/logging/logger.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../../support/fake-slack-api.ts";
import {
  type ButtonClickFields,
  type Json,
  type RouteServer,
  type SignOptions,
  type SlackHttpResult,
  type SlashCommandFields,
  sendButtonClick,
  sendEvent,
  sendSlashCommand,
  sendViewSubmission,
  startRouteServer,
  type ViewSubmissionFields,
} from "../../../support/slack-requests.ts";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-test-token";
export const TEAM = { teamId: "T0CLINIC", teamDomain: "clinic" } as const;
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

/** Fast retries: a 500 costs milliseconds, a 429 still waits its Retry-After. */
export const FAST_RETRY = { retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 20 }, timeout: 5000 };

export interface SlackHarness {
  fake: FakeSlackApi;
  server: RouteServer;
  adapter: SlackAdapter;
  config: Config;
  /** POST /slack/events on the running server. */
  endpoint: string;
  sign: SignOptions;
  command(
    fields: Omit<SlashCommandFields, "teamId" | "responseUrl"> & Partial<SlashCommandFields>,
  ): Promise<SlackHttpResult>;
  click(
    fields: Omit<ButtonClickFields, "teamId" | "responseUrl"> & Partial<ButtonClickFields>,
  ): Promise<SlackHttpResult>;
  submit(fields: Omit<ViewSubmissionFields, "teamId"> & Partial<ViewSubmissionFields>): Promise<SlackHttpResult>;
  event(event: Json, opts?: { retryNum?: number }): Promise<SlackHttpResult>;
  close(): Promise<void>;
}

export async function startSlackHarness(opts: {
  core: ChatCore;
  repos: Repositories;
  env?: Record<string, string>;
  adapter?: Partial<CreateSlackAdapterOptions>;
  /** Runs against the fake before the adapter starts (Socket Mode connects in start()). */
  beforeStart?: (fake: FakeSlackApi) => void | Promise<void>;
}): Promise<SlackHarness> {
  const fake = await startFakeSlackApi();
  await opts.beforeStart?.(fake);
  const config = loadConfig({
    NODE_ENV: "test",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    // Slack OAuth needs one (installations are sealed at rest); harmless in the other modes.
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...opts.env,
  });
  const adapter = createSlackAdapter({
    config,
    core: opts.core,
    repos: opts.repos,
    logger: silentLogger(),
    tuning: FAST_RETRY,
    ...opts.adapter,
  });
  if (!adapter) throw new Error("Slack adapter is off for this configuration");
  await adapter.start();
  const server = await startRouteServer(adapter.routes);
  const endpoint = `${server.url}/slack/events`;
  const sign = { signingSecret: SIGNING_SECRET };
  let responses = 0;
  const nextResponseUrl = () => fake.responseUrl(`r${++responses}`);
  return {
    fake,
    server,
    adapter,
    config,
    endpoint,
    sign,
    command: (fields) => sendSlashCommand(endpoint, { ...TEAM, responseUrl: nextResponseUrl(), ...fields }, sign),
    click: (fields) => sendButtonClick(endpoint, { ...TEAM, responseUrl: nextResponseUrl(), ...fields }, sign),
    submit: (fields) => sendViewSubmission(endpoint, { ...TEAM, ...fields }, sign),
    event: (event, eventOpts = {}) => sendEvent(endpoint, event, { ...sign, ...eventOpts }),
    async close() {
      await adapter.stop();
      await server.close();
      await fake.close();
    },
  };
}
