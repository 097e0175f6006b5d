// Name → referrer, per practice, from an in-memory directory. The directory is rebuilt when the
// practice's referrer list changes (checked by a cheap fingerprint query), so an instance sees a
// referrer another instance just added.
import type { Referrer } from "../model.ts";
import type { ReferrerRepository } from "../ports.ts";
import { ReferrerDirectory } from "../referrers/referrer-directory.ts";
import type { ReferrerResolution } from "../referrers/resolution.ts";

/** How long a directory is trusted without asking the database whether the list changed. */
const FRESH_MS = 5_000;

export class ReferrerLookup {
  private readonly cache = new Map<string, { version: string; checkedAt: number; directory: ReferrerDirectory }>();

  constructor(
    private readonly referrers: ReferrerRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async directory(practiceId: string, opts: { fresh?: boolean } = {}): Promise<ReferrerDirectory> {
    const cached = this.cache.get(practiceId);
    const now = this.now();
    if (cached && !opts.fresh && now - cached.checkedAt < FRESH_MS) return cached.directory;
    const version = await this.referrers.version(practiceId);
    if (cached && cached.version === version) {
      cached.checkedAt = now;
      return cached.directory;
    }
    const list = await this.referrers.listForPractice(practiceId, { includeArchived: true });
    const directory = new ReferrerDirectory(list);
    this.cache.set(practiceId, { version, checkedAt: now, directory });
    return directory;
  }

  async resolve(practiceId: string, query: string): Promise<ReferrerResolution> {
    const first = (await this.directory(practiceId)).resolve(query);
    if (first.kind === "one") return first;
    // A miss may only mean our copy is stale: look once more against the database's version.
    return (await this.directory(practiceId, { fresh: true })).resolve(query);
  }

  /** Call after this instance changed the referrer list, so the next lookup sees it at once. */
  invalidate(practiceId: string): void {
    this.cache.delete(practiceId);
  }

  async byId(practiceId: string, id: string): Promise<Referrer | null> {
    return this.referrers.findById(practiceId, id);
  }
}
