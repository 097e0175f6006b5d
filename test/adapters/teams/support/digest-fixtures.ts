// Digests for delivery and rendering tests, and a deliberately naive renderer (one section per
// referrer and per nudge) that the card renderer must survive as well as the core's renderDigest.
import type { Digest, DigestNudge } from "../../../../src/core/digest/digest-model.ts";
import type { Reply, ReplySection } from "../../../../src/core/reply.ts";

export function digestWith(opts: {
  referrers: number;
  referrals: number;
  nudges?: number;
  /** How many referrer groups the builder lists one by one; the rest are summarised. Default: all. */
  shownGroups?: number;
  practiceId?: string;
}): Digest {
  const all = Array.from({ length: opts.referrers }, (_, i) => ({
    referrerId: `ref-${i}`,
    referrerName: `Dr. Referrer Number ${i} of the Northside Orthopaedic Group`,
    count: Math.floor(opts.referrals / opts.referrers) + (i < opts.referrals % opts.referrers ? 1 : 0),
    reasons: ["knee pain", "shoulder impingement", "lower back pain"],
  }));
  const groups = all.slice(0, opts.shownGroups ?? all.length);
  const others = all.slice(groups.length);
  const nudges: DigestNudge[] = Array.from({ length: opts.nudges ?? 0 }, (_, i) => ({
    nudgeId: `nudge-${i}`,
    referrerId: `ref-${i}`,
    referrerName: `Dr. Referrer Number ${i}`,
    kind: "thank",
    reason: `${(i % 5) + 2} referrals since your last thank-you`,
    dueAt: "2026-03-02",
    priority: 100 - i,
    personal: i % 2 === 0,
  }));
  return {
    practiceId: opts.practiceId ?? "practice-1",
    practiceName: "Northside Physio",
    localDate: "2026-03-02",
    timeZone: "America/New_York",
    runId: "run-1",
    forMemberId: null,
    newReferrals: {
      total: opts.referrals,
      since: "2026-03-01",
      groups,
      otherReferrers: others.length,
      otherCount: others.reduce((n, g) => n + g.count, 0),
    },
    nudges,
    moreNudges: 0,
    weekSummary: { touchesThisWeek: 12, goingQuiet: 3 },
    empty: opts.referrals === 0 && nudges.length === 0,
  };
}

/** Renders every group and nudge, as a naive renderer would: the card renderer must cope. */
export function renderEverything(digest: Digest): Reply {
  const sections: ReplySection[] = [
    {
      text: `*${digest.newReferrals.total} new referrals* since ${digest.newReferrals.since}`,
      fields: [
        { label: "Touches this week", value: String(digest.weekSummary.touchesThisWeek) },
        { label: "Going quiet", value: String(digest.weekSummary.goingQuiet) },
      ],
    },
  ];
  for (const g of digest.newReferrals.groups) {
    sections.push({ text: `*${g.referrerName}*: ${g.count} (${g.reasons.join(", ")})` });
  }
  for (const n of digest.nudges) {
    const value = JSON.stringify({ nudgeId: n.nudgeId, runId: digest.runId });
    sections.push({
      text: `*${n.referrerName}*: ${n.reason}`,
      buttons: [
        { label: "Done", actionId: "nudge.done", value, style: "primary" },
        { label: "Snooze", actionId: "nudge.snooze", value },
        { label: "Not needed", actionId: "nudge.dismiss", value },
      ],
    });
  }
  if (digest.moreNudges > 0) {
    sections.push({ buttons: [{ label: `${digest.moreNudges} more`, actionId: "nudges.more", value: "{}" }] });
  }
  return { ephemeral: false, tone: "info", headline: `Referral digest for ${digest.localDate}`, sections };
}
