// Keeps proactive sends under Teams' per-conversation limits (7 per second, 8 per 2 s, 60 per
// 30 s, 1800 per hour) and the per-app 50 per second, by waiting before a send rather than
// collecting 429s. Sends to one conversation also go one at a time, in order.

export interface RateWindow {
  ms: number;
  max: number;
}

export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];

export const TEAMS_APP_WINDOWS: readonly RateWindow[] = [{ ms: 1_000, max: 50 }];

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Sliding-window send log for one key: how long until one more send fits every window. */
class SendLog {
  private readonly times: number[] = [];
  constructor(private readonly windows: readonly RateWindow[]) {}

  /** Also forgets sends older than the longest window. */
  waitFor(now: number): number {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    while (this.times.length > 0 && now - (this.times[0] ?? now) >= longest) this.times.shift();
    let wait = 0;
    for (const w of this.windows) {
      if (this.times.length < w.max) continue;
      // The send that must age out of this window before another fits.
      const blocking = this.times[this.times.length - w.max] ?? now;
      wait = Math.max(wait, blocking + w.ms - now);
    }
    return wait;
  }

  record(now: number): void {
    this.times.push(now);
  }

  get idle(): boolean {
    return this.times.length === 0;
  }
}

export interface ConversationPacer {
  /** Runs `send` when the conversation (and the app) may send again; sends to one key run in order. */
  run<T>(conversationKey: string, send: () => Promise<T>): Promise<T>;
  /** Drops queued work for shutdown; sends already waiting fail. */
  stop(): void;
}

export function createConversationPacer(
  opts: { clock?: PacerClock; conversationWindows?: readonly RateWindow[]; appWindows?: readonly RateWindow[] } = {},
): ConversationPacer {
  const clock = opts.clock ?? realClock;
  const conversationWindows = opts.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS;
  const app = new SendLog(opts.appWindows ?? TEAMS_APP_WINDOWS);
  const logs = new Map<string, SendLog>();
  const queues = new Map<string, Promise<unknown>>();
  let stopped = false;

  async function takeSlot(key: string): Promise<void> {
    let log = logs.get(key);
    if (!log) {
      log = new SendLog(conversationWindows);
      logs.set(key, log);
    }
    for (;;) {
      if (stopped) throw new Error("Teams delivery stopped");
      const now = clock.now();
      const wait = Math.max(log.waitFor(now), app.waitFor(now));
      if (wait <= 0) {
        log.record(now);
        app.record(now);
        return;
      }
      await clock.sleep(wait);
    }
  }

  return {
    run(key, send) {
      const previous = queues.get(key) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(async () => {
          await takeSlot(key);
          return send();
        });
      queues.set(key, next);
      // Forget an idle conversation's queue so a long-running process does not keep every key.
      void next
        .catch(() => undefined)
        .finally(() => {
          if (queues.get(key) !== next) return;
          queues.delete(key);
          const log = logs.get(key);
          log?.waitFor(clock.now());
          if (log?.idle) logs.delete(key);
        });
      return next;
    },
    stop() {
      stopped = true;
    },
  };
}
