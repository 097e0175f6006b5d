// "Usually every 9 days; nothing for 40": a going-quiet nudge shows the referrer's trend beside its words,
// in `/nudges` and in the morning digest alike. A few pictures at most, so a list stays a list.
import type { Digest } from "../digest/digest-model.ts";
import type { ChartDataPort } from "../ports/chart-data.ts";
import type { ChartModel } from "./chart-model.ts";
import { type ChartScope, loadReferrerTrend } from "./load-charts.ts";

export const QUIET_CHARTS_PER_LIST = 3;

interface QuietNudge {
  nudgeId: string;
  referrerId: string;
  referrerName: string;
  kind: string;
}

/** The trend of each of the first few going-quiet nudges' referrers, by nudge id. */
async function goingQuietCharts(
  port: ChartDataPort | undefined,
  scope: ChartScope,
  nudges: readonly QuietNudge[],
): Promise<Map<string, ChartModel>> {
  const charts = new Map<string, ChartModel>();
  if (!port) return charts;
  const quiet = nudges.filter((n) => n.kind === "going_quiet").slice(0, QUIET_CHARTS_PER_LIST);
  await Promise.all(
    quiet.map(async (n) => {
      const referrer = { id: n.referrerId, displayName: n.referrerName };
      // Going quiet means they referred within the window, so its latest referral is their last.
      charts.set(n.nudgeId, await loadReferrerTrend(port, scope, referrer, null));
    }),
  );
  return charts;
}

/** The digest with its going-quiet nudges' charts, as it is sent (and kept, so a redraw shows them too). */
export async function withGoingQuietCharts(
  port: ChartDataPort | undefined,
  digest: Digest,
  now: Date,
): Promise<Digest> {
  const charts = await goingQuietCharts(
    port,
    { practiceId: digest.practiceId, zone: digest.timeZone, now },
    digest.nudges,
  );
  if (charts.size === 0) return digest;
  return {
    ...digest,
    nudges: digest.nudges.map((n) => {
      const chart = charts.get(n.nudgeId);
      return chart ? { ...n, chart } : n;
    }),
  };
}
