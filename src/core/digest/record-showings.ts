// After a digest reached its reader: count one more showing of each nudge in it that nobody had clicked,
// pause those passed over three times for that reader, and hand each of them on once.
import {
  dueForEscalation,
  type EscalationCandidate,
  escalationTarget,
  type NudgeExposure,
  recordShowing,
} from "../nudges/nudge-exposure.ts";
import type { NudgeExposureStore, Repositories } from "../ports.ts";
import type { Digest } from "./digest-model.ts";
import { PERSONAL_DIGEST_ROLES } from "./digest-recipients.ts";

export interface RecordShowingsDeps {
  exposures: NudgeExposureStore;
  repos: Pick<Repositories, "members" | "referrers">;
}

/** The audience a digest was read by: its member, or the shared channel. */
export function audienceOfDigest(digest: Pick<Digest, "forMemberId">): string {
  return digest.forMemberId ?? "channel";
}

/** Returns the exposures escalated by this showing (each names whom it went to, or nobody). */
export async function recordShowings(deps: RecordShowingsDeps, digest: Digest, now: Date): Promise<NudgeExposure[]> {
  if (!digest.runId) return [];
  const audience = audienceOfDigest(digest);
  const shown = digest.nudges.filter((n) => !n.doneLine);
  if (shown.length === 0) return [];
  const existing = await deps.exposures.forNudges(
    digest.practiceId,
    shown.map((n) => n.nudgeId),
  );
  const mine = new Map(existing.filter((e) => e.audience === audience).map((e) => [e.nudgeId, e]));
  const counted = shown.map((n) =>
    recordShowing(mine.get(n.nudgeId), { nudgeId: n.nudgeId, audience }, digest.runId!, now),
  );
  const changed = counted.filter((e) => e !== mine.get(e.nudgeId));
  const everyone = [...existing.filter((e) => e.audience !== audience), ...counted];
  const due = dueForEscalation(everyone).filter((e) => e.audience === audience);
  const escalated: NudgeExposure[] = [];
  if (due.length > 0) {
    // Handed on only to someone who gets a digest of their own, where it will show.
    const members: EscalationCandidate[] = (await deps.repos.members.listForPractice(digest.practiceId)).filter((m) =>
      PERSONAL_DIGEST_ROLES.includes(m.role),
    );
    for (const exposure of due) {
      const referrerId = shown.find((n) => n.nudgeId === exposure.nudgeId)?.referrerId;
      const referrer = referrerId ? await deps.repos.referrers.findById(digest.practiceId, referrerId) : null;
      const target = escalationTarget(referrer?.ownerMemberId ?? null, audience, members);
      const handed = { ...exposure, escalatedAt: now, escalatedToMemberId: target };
      escalated.push(handed);
      const i = changed.findIndex((e) => e.nudgeId === exposure.nudgeId);
      if (i >= 0) changed[i] = handed;
      else changed.push(handed);
    }
  }
  if (changed.length > 0) await deps.exposures.save(digest.practiceId, changed);
  return escalated;
}
