// One place that decides how we talk to Slack's Web API: where (SLACK_API_URL, for a local fake),
// how long to wait, and how to retry. The WebClient honours Retry-After on 429 by itself when
// rejectRateLimitedCalls is false; the retry count keeps a dead Slack from holding a request forever.
import { webApi } from "@slack/bolt";
import type { Config } from "../../config/config.ts";
import type { Logger } from "../../logging/logger.ts";
import { toBoltLogger } from "./bolt-logger.ts";

export type WebClient = webApi.WebClient;
export type WebClientOptions = webApi.WebClientOptions;
export type RetryOptions = webApi.RetryOptions;

/** Knobs tests turn down so that a 500 is retried in milliseconds, not seconds. */
export interface SlackClientTuning {
  retryConfig?: RetryOptions;
  /** Per-request timeout in ms. */
  timeout?: number;
}

/** Four tries over about 4 s, plus whatever Retry-After asks for on a 429. */
export const DEFAULT_RETRY: RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 4000,
  randomize: true,
};
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The WebClient resolves method names against this URL, so it must end with a slash. */
export function slackApiUrlOf(config: Config): string | undefined {
  const url = config.SLACK_API_URL;
  if (!url) return undefined;
  return url.endsWith("/") ? url : `${url}/`;
}

export function slackClientOptions(config: Config, logger: Logger, tuning: SlackClientTuning = {}): WebClientOptions {
  const slackApiUrl = slackApiUrlOf(config);
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: toBoltLogger(logger),
    rejectRateLimitedCalls: false,
    retryConfig: tuning.retryConfig ?? DEFAULT_RETRY,
    timeout: tuning.timeout ?? DEFAULT_TIMEOUT_MS,
  };
}

/** WebClients keyed by token: each keeps its own queue, which is how it spaces calls after a 429. */
export class WebClientPool {
  private readonly clients = new Map<string, WebClient>();
  constructor(private readonly options: WebClientOptions) {}

  get(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, this.options);
      this.clients.set(token, client);
    }
    return client;
  }
}
