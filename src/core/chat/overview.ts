// "/referrals overview": the practice at a glance as one chart (referrals per month, the top referrers
// against the year before, who is going quiet), with the same in words for where images are off.
import { loadPracticeOverview } from "../charts/load-charts.ts";
import type { Actor } from "../model.ts";
import type { Reply, ReplySection } from "../reply.ts";
import type { CoreDeps } from "./deps.ts";

export async function overviewReply(deps: CoreDeps, actor: Actor): Promise<Reply> {
  const section = await overviewSection(deps, actor);
  return {
    ephemeral: true,
    tone: "info",
    headline: "The practice at a glance",
    sections: section ? [section] : [{ text: "Charts are not available here." }],
  };
}

/** The overview chart as one section, for this reply and the App Home; null without chart data. */
export async function overviewSection(deps: CoreDeps, actor: Actor): Promise<ReplySection | null> {
  if (!deps.chartData) return null;
  const practice = await deps.repos.practices.findById(actor.practiceId);
  const chart = await loadPracticeOverview(
    deps.chartData,
    { practiceId: actor.practiceId, zone: practice?.timeZone ?? "UTC", now: deps.clock.now() },
    practice?.name ?? "The practice",
  );
  return { chart };
}
