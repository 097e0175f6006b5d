// Retries a proactive send the way Teams asks: on 429 (throttled), 412 (precondition failed,
// a transient conflict on Teams' side), 502 and 504, with exponential backoff and jitter, a
// bounded number of times. Anything else is thrown at once for the scheduler to handle.
//
// The Teams SDK's HTTP client (axios) does not retry at all, so this layer is the only one: every
// attempt the connector sees is one counted here.
import type { PacerClock } from "./conversation-pacer.ts";
import { realClock } from "./conversation-pacer.ts";

export const RETRYABLE_STATUSES = new Set([412, 429, 502, 504]);

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const TEAMS_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export class TeamsDeliveryError extends Error {
  readonly code = "TEAMS_DELIVERY_FAILED";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The HTTP status of a failed connector call, whichever client shape threw it. */
export function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== "object") return undefined;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const candidate of [e.statusCode, e.status, e.response?.status]) {
    if (typeof candidate === "number") return candidate;
  }
  return undefined;
}

/** Retry-After in milliseconds (seconds or an HTTP date), when the error carries one. */
export function retryAfterMsOf(error: unknown, now: number): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  let raw: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === "function") {
    raw = (headers as { get(name: string): unknown }).get("retry-after");
  } else if (headers && typeof headers === "object") {
    const record = headers as Record<string, unknown>;
    raw = record["retry-after"] ?? record["Retry-After"];
  }
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(raw));
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** "Full jitter" on an exponential ceiling: spreads retries from many senders apart. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function sendWithRetry<T>(
  send: () => Promise<T>,
  opts: {
    policy?: RetryPolicy;
    clock?: PacerClock;
    random?: () => number;
    onRetry?: (info: { attempt: number; status: number | undefined; delayMs: number }) => void;
  } = {},
): Promise<T> {
  const policy = opts.policy ?? TEAMS_RETRY_POLICY;
  const clock = opts.clock ?? realClock;
  const random = opts.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const status = statusOf(error);
      const retryable = status !== undefined && RETRYABLE_STATUSES.has(status);
      if (!retryable) throw error;
      if (attempt >= policy.maxAttempts) {
        throw new TeamsDeliveryError(`Teams answered ${status} ${attempt} times in a row`, status, attempt, {
          cause: error,
        });
      }
      const asked = status === 429 ? retryAfterMsOf(error, clock.now()) : undefined;
      const delayMs = Math.min(policy.maxDelayMs, Math.max(asked ?? 0, backoffDelay(attempt, policy, random)));
      opts.onRetry?.({ attempt, status, delayMs });
      await clock.sleep(delayMs);
    }
  }
}
