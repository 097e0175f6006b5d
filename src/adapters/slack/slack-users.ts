// Who a Slack user is, from users.info: the display name the core writes into "✓ Called by …" lines
// and the audit log, and whether Slack itself names them an owner or admin of the workspace (a
// practice admin). One lookup answers both; the answer is remembered for a while, per user.
import type { WebClient } from "./slack-client.ts";

export interface SlackUser {
  name: string;
  /** A workspace owner, primary owner or admin, as users.info says. */
  admin: boolean;
}

interface Entry extends SlackUser {
  expiresAt: number;
}

export interface SlackUsersTuning {
  /** How long an answer holds: someone made or unmade an admin is seen within this. */
  ttlMs?: number;
  /** A failed lookup means "not admin" until this has passed, then it is asked again. */
  failureTtlMs?: number;
  /** A slow users.info must not eat the 3 seconds a trigger_id lives. */
  waitMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class SlackUsers {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly waitMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(tuning: SlackUsersTuning = {}) {
    this.ttlMs = tuning.ttlMs ?? 10 * 60_000;
    this.failureTtlMs = tuning.failureTtlMs ?? 60_000;
    this.waitMs = tuning.waitMs ?? 800;
    this.maxEntries = tuning.maxEntries ?? 10_000;
    this.now = tuning.now ?? Date.now;
  }

  /** Never throws: without users:read, with Slack unreachable or slow, it is the handle and not an admin. */
  async whoIs(client: WebClient, workspaceId: string, userId: string, fallbackName: string): Promise<SlackUser> {
    const key = `${workspaceId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > this.now()) return { name: hit.name, admin: hit.admin };
    const lookup: Promise<Entry> = client.users
      .info({ user: userId })
      .then((res) => {
        const user = res.user;
        const profile = user?.profile;
        return {
          name: profile?.display_name || profile?.real_name || user?.real_name || fallbackName,
          admin: user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true,
          expiresAt: this.now() + this.ttlMs,
        };
      })
      .catch(() => ({ name: fallbackName, admin: false, expiresAt: this.now() + this.failureTtlMs }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.waitMs);
    });
    const found = await Promise.race([lookup, timeout]);
    clearTimeout(timer);
    if (found === null) {
      // Too slow for this request: not an admin this time; the late answer serves the next one.
      void lookup.then((late) => this.remember(key, late));
      return { name: fallbackName, admin: false };
    }
    this.remember(key, found);
    return { name: found.name, admin: found.admin };
  }

  private remember(key: string, entry: Entry) {
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(key, entry);
  }
}
