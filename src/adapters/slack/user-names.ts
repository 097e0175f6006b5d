// Display names for chat users. Slack's user_name is a handle ("ana.lopez"); the core writes names
// into "✓ Called by …" lines and the audit log, so we ask users.info once and remember the answer.
import type { WebClient } from "./slack-client.ts";

interface Entry {
  name: string;
  expiresAt: number;
}

export class UserNames {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    /** A slow users.info must not eat the 3 seconds a trigger_id lives. */
    private readonly waitMs = 800,
    private readonly maxEntries = 10_000,
  ) {}

  async nameOf(client: WebClient, workspaceId: string, userId: string, fallback: string): Promise<string> {
    const key = `${workspaceId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.name;
    const lookup = client.users
      .info({ user: userId })
      .then((res) => {
        const profile = res.user?.profile;
        return profile?.display_name || profile?.real_name || res.user?.real_name || fallback;
      })
      // Without users:read, or with Slack unreachable, the handle will do.
      .catch(() => fallback);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.waitMs);
    });
    const name = await Promise.race([lookup, timeout]);
    clearTimeout(timer);
    if (name === null) {
      void lookup.then((late) => this.remember(key, late));
      return fallback;
    }
    this.remember(key, name);
    return name;
  }

  private remember(key: string, name: string) {
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(key, { name, expiresAt: Date.now() + this.ttlMs });
  }
}
