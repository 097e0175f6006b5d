// "/referrals team": what the team did this month and last, for the practice's admins and managers.
import { loadManagersWeek } from "../charts/load-charts.ts";
import type { Actor } from "../model.ts";
import type { Reply } from "../reply.ts";
import { type TeamFigures, teamFigures, teamPeriods } from "../team/team-figures.ts";
import { teamSections } from "../team/team-reply.ts";
import type { CoreDeps } from "./deps.ts";
import { refuseUnlessAdmin } from "./permissions.ts";

/** The practice's team figures now, or null when this wiring has no team data (or no practice). */
export async function loadTeamFigures(deps: CoreDeps, practiceId: string): Promise<TeamFigures | null> {
  const practice = await deps.repos.practices.findById(practiceId);
  if (!practice || !deps.team) return null;
  const periods = teamPeriods(deps.clock.now(), practice.timeZone);
  return teamFigures(await deps.team.loadTeamActivity(practiceId, periods), periods, practice.timeZone);
}

export async function teamReply(deps: CoreDeps, actor: Actor): Promise<Reply> {
  const refused = await refuseUnlessAdmin(deps.repos, actor, "team");
  if (refused) return refused;
  const figures = await loadTeamFigures(deps, actor.practiceId);
  if (!figures)
    return { ephemeral: true, tone: "error", headline: "The team's figures are not available here.", sections: [] };
  // The manager's week as a picture: touches by kind per member, nudges done against passed over.
  const practice = await deps.repos.practices.findById(actor.practiceId);
  const week =
    deps.chartData && practice
      ? await loadManagersWeek(deps.chartData, {
          practiceId: actor.practiceId,
          zone: practice.timeZone,
          now: deps.clock.now(),
        })
      : null;
  return {
    ephemeral: true,
    tone: "info",
    headline: `The team · ${figures.monthNames.this} and ${figures.monthNames.last}`,
    sections: [...(week ? [{ chart: week }] : []), ...teamSections(figures)],
  };
}
