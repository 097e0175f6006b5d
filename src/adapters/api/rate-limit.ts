// Requests per minute per API token, as a token bucket: a feed may burst up to its minute's allowance,
// then gets one request back every 60/rate seconds. Kept in memory: one instance's count (several
// instances each allow the rate, which the README says).
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the next request is allowed (for Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
  perMinute: number;
}

export class TokenRateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  take(tokenId: string, perMinute: number): RateDecision {
    const now = this.#now();
    const capacity = Math.max(1, perMinute);
    const perMs = capacity / 60_000;
    const bucket = this.#buckets.get(tokenId);
    // A changed setting takes effect at once, with a full allowance at the new rate.
    const current =
      bucket && bucket.perMinute === capacity
        ? Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs)
        : capacity;
    if (current >= 1) {
      this.#buckets.set(tokenId, { tokens: current - 1, at: now, perMinute: capacity });
      return { allowed: true, retryAfterSeconds: 0 };
    }
    this.#buckets.set(tokenId, { tokens: current, at: now, perMinute: capacity });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - current) / perMs / 1000)) };
  }
}
