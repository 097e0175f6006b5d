// Monday morning, each manager gets the team's figures in their own chat. Called after each scheduled
// digest; the claim per practice, week and manager makes it once a week, whichever instance gets there.
import type { Practice } from "../core/model.ts";
import type { ChatDelivery, Repositories, TeamActivityPort, TeamSummaryRunStore } from "../core/ports.ts";
import { teamFigures, teamPeriods } from "../core/team/team-figures.ts";
import { isoWeekOf, isWeeklySummaryDay, weeklySummaryReply } from "../core/team/weekly-summary.ts";
import type { Logger } from "../logging/logger.ts";

/** A summary that failed is tried again by a later run of the same day, this long after. */
export const SUMMARY_RETRY_AFTER_MS = 5 * 60_000;

export interface WeeklySummaryDeps {
  repos: Pick<Repositories, "members">;
  team: TeamActivityPort;
  runs: TeamSummaryRunStore;
  deliveries: readonly ChatDelivery[];
  logger: Logger;
}

export interface WeeklySummaryResult {
  week: string;
  delivered: string[];
  failed: string[];
}

export async function sendWeeklySummaries(
  deps: WeeklySummaryDeps,
  practice: Practice,
  now: Date,
  instanceId: string,
): Promise<WeeklySummaryResult | null> {
  if (!isWeeklySummaryDay(now, practice.timeZone, practice.digestWeekdays)) return null;
  const week = isoWeekOf(now, practice.timeZone);
  const result: WeeklySummaryResult = { week, delivered: [], failed: [] };
  const managers = (await deps.repos.members.listForPractice(practice.id)).filter((m) => m.role === "manager");
  if (managers.length === 0) return result;
  const periods = teamPeriods(now, practice.timeZone);
  const figures = teamFigures(await deps.team.loadTeamActivity(practice.id, periods), periods, practice.timeZone);
  const reply = weeklySummaryReply(figures, practice.name, now, practice.timeZone);
  const log = deps.logger.child({ practiceId: practice.id, week });
  for (const manager of managers) {
    const delivery = deps.deliveries.find((d) => d.platform === manager.platform && d.deliverToMember);
    if (!delivery?.deliverToMember) continue;
    if (!(await deps.runs.claim(practice.id, week, manager.id, instanceId, now, SUMMARY_RETRY_AFTER_MS))) continue;
    try {
      await delivery.deliverToMember(practice.id, manager.id, reply);
      await deps.runs.finish(practice.id, week, manager.id, "delivered", now);
      result.delivered.push(manager.id);
    } catch (error) {
      const note = error instanceof Error ? error.message : String(error);
      log.warn({ memberId: manager.id, err: note }, "weekly team summary not delivered; will retry");
      await deps.runs.finish(practice.id, week, manager.id, "failed", now, note);
      result.failed.push(manager.id);
    }
  }
  return result;
}
