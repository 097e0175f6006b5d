import { describe, expect, it } from "vitest";
import {
  createConversationPacer,
  type PacerClock,
  TEAMS_CONVERSATION_WINDOWS,
} from "../../../../src/adapters/teams/delivery/conversation-pacer.ts";
import {
  backoffDelay,
  retryAfterMsOf,
  sendWithRetry,
  TeamsDeliveryError,
} from "../../../../src/adapters/teams/delivery/send-with-retry.ts";

/** A clock that only moves when someone sleeps, so pacing is measured exactly and instantly. */
function fakeClock(): PacerClock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/**
 * Virtual time for many concurrent sleepers: when everything else has settled, time jumps to the
 * earliest pending sleep and wakes only that sleeper.
 */
function virtualClock(): PacerClock & { drive<T>(work: Promise<T>): Promise<T> } {
  let now = 1_000_000;
  const timers: { at: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: now + ms, wake })),
    async drive(work) {
      let done = false;
      void work.finally(() => {
        done = true;
      });
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.wake();
      }
      return work;
    },
  };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (const start of times) max = Math.max(max, times.filter((t) => t >= start && t < start + windowMs).length);
  return max;
}

describe("the conversation pacer", () => {
  it("keeps 200 sends to one conversation within 7/s, 8 per 2 s and 60 per 30 s", async () => {
    const clock = virtualClock();
    const pacer = createConversationPacer({ clock, appWindows: [] });
    const times: number[] = [];

    await clock.drive(
      Promise.all(Array.from({ length: 200 }, () => pacer.run("conv", async () => times.push(clock.now())))),
    );

    expect(times).toHaveLength(200);
    for (const w of TEAMS_CONVERSATION_WINDOWS) expect(maxInAnyWindow(times, w.ms)).toBeLessThanOrEqual(w.max);
    // As fast as the limits allow: 60 per 30 s means the 200th send goes out in the 4th half-minute.
    expect((times.at(-1)! - times[0]!) / 1000).toBeLessThan(100);
  });

  it("lets different conversations send side by side, within the app's 50 per second", async () => {
    const clock = virtualClock();
    const pacer = createConversationPacer({ clock });
    const times: number[] = [];
    await clock.drive(
      Promise.all(Array.from({ length: 120 }, (_, i) => pacer.run(`conv-${i}`, async () => times.push(clock.now())))),
    );
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(50);
    expect(times.at(-1)! - times[0]!).toBeLessThan(3000);
  });

  it("sends to one conversation in order, and a failure does not block the next send", async () => {
    const pacer = createConversationPacer({ clock: fakeClock() });
    const order: number[] = [];
    const results = await Promise.allSettled([
      pacer.run("c", async () => order.push(1)),
      pacer.run("c", async () => {
        throw new Error("boom");
      }),
      pacer.run("c", async () => order.push(3)),
    ]);
    expect(order).toEqual([1, 3]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});

describe("sending with retries", () => {
  const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };
  const httpError = (status: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error(`HTTP ${status}`), { statusCode: status, response: { status, headers } });

  it("retries 429, 412, 502 and 504, then succeeds", async () => {
    const clock = fakeClock();
    const failures = [429, 412, 502];
    let calls = 0;
    const result = await sendWithRetry(
      async () => {
        calls++;
        const status = failures.shift();
        if (status) throw httpError(status);
        return "sent";
      },
      { policy, clock, random: () => 0.5 },
    );
    expect(result).toBe("sent");
    expect(calls).toBe(4);
    // Exponential with jitter: half the ceiling plus a random share of the other half.
    expect(clock.sleeps).toEqual([750, 1500, 3000]);
  });

  it("waits at least as long as Retry-After asks", async () => {
    const clock = fakeClock();
    let first = true;
    await sendWithRetry(
      async () => {
        if (first) {
          first = false;
          throw httpError(429, { "retry-after": "7" });
        }
      },
      { policy, clock, random: () => 0 },
    );
    expect(clock.sleeps).toEqual([7000]);
  });

  it("throws other errors at once", async () => {
    let calls = 0;
    await expect(
      sendWithRetry(
        async () => {
          calls++;
          throw httpError(403);
        },
        { policy, clock: fakeClock() },
      ),
    ).rejects.toMatchObject({ statusCode: 403 });
    expect(calls).toBe(1);
  });

  it("gives up after the last attempt with an error that carries the status", async () => {
    const clock = fakeClock();
    const error = await sendWithRetry(
      async () => {
        throw httpError(504);
      },
      { policy, clock, random: () => 1 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamsDeliveryError);
    expect(error).toMatchObject({ status: 504, attempts: 4 });
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it("caps the backoff", () => {
    expect(backoffDelay(20, policy, () => 1)).toBe(30_000);
  });

  it("reads Retry-After as seconds or as a date", () => {
    const now = Date.parse("2026-03-02T10:00:00Z");
    expect(retryAfterMsOf({ response: { headers: { "retry-after": "3" } } }, now)).toBe(3000);
    expect(
      retryAfterMsOf({ response: { headers: new Map([["retry-after", "Mon, 02 Mar 2026 10:00:05 GMT"]]) } }, now),
    ).toBe(5000);
    expect(retryAfterMsOf({ response: {} }, now)).toBeUndefined();
  });
});
