// The digest-now port: today's digest for one practice, sent at once through the same forced claim
// as `referral-nudge digest --force`, to the same targets the schedule uses.
import type { DigestNowPort, DigestNowResult, Repositories } from "../core/ports.ts";
import { localDateOf } from "../core/time/local-date.ts";
import { type SendDigestDeps, sendDigest } from "./send-digest.ts";

export interface DigestNowDeps extends SendDigestDeps {
  repos: Pick<Repositories, "members" | "practices" | "referrers">;
  instanceId: string;
  now?: () => Date;
}

export function createDigestNow(deps: DigestNowDeps): DigestNowPort {
  return {
    async sendNow(practiceId): Promise<DigestNowResult> {
      const practice = await deps.repos.practices.findById(practiceId);
      if (!practice) return { outcome: "failed", delivered: 0, failed: 0 };
      const now = (deps.now ?? (() => new Date()))();
      // Asked before claiming: a forced claim with nowhere to send would record today as skipped,
      // and the scheduled digest would then not go out once a conversation is chosen.
      const chatTargets = (
        await Promise.all(deps.deliveries.filter((d) => d.platform !== "console").map((d) => d.targets(practiceId)))
      ).flat();
      if (chatTargets.length === 0) return { outcome: "no_targets", delivered: 0, failed: 0 };
      const result = await sendDigest(deps, practice, localDateOf(now, practice.timeZone), {
        now,
        instanceId: deps.instanceId,
        force: true,
        retryNow: true,
      });
      const delivered = result.delivered.length;
      const failed = result.failed.length;
      switch (result.outcome) {
        case "delivered":
        case "partial":
        case "failed":
        case "skipped":
          return { outcome: result.outcome, delivered, failed };
        default:
          return { outcome: "busy", delivered, failed };
      }
    },
  };
}
