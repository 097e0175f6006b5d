// The App Home / overview: this month in numbers, the practice at a glance (a chart), my open nudges, who
// is going quiet, and for the practice's admins and managers the team's own work (as /referrals team).
import { DateTime } from "luxon";
import type { Actor } from "../model.ts";
import type { Reply } from "../reply.ts";
import { teamSections } from "../team/team-reply.ts";
import type { CoreDeps } from "./deps.ts";
import { nudgeListReply } from "./nudge-list.ts";
import { overviewSection } from "./overview.ts";
import { isAdmin } from "./permissions.ts";
import { loadTeamFigures } from "./team.ts";

export async function homeReply(deps: CoreDeps, actor: Actor): Promise<Reply> {
  const practice = await deps.repos.practices.findById(actor.practiceId);
  const zone = practice?.timeZone ?? "UTC";
  const now = deps.clock.now();
  const monthStart = DateTime.fromJSDate(now, { zone }).startOf("month").toJSDate();
  // The list first: it brings the stored nudges up to date, which the going-quiet count then reads.
  const list = await nudgeListReply(deps, actor);
  const [live, touches, arrivals, overview] = await Promise.all([
    deps.repos.nudges.listLive(actor.practiceId),
    deps.repos.touches.countSince(actor.practiceId, monthStart),
    deps.digestData.newReferrals(actor.practiceId, monthStart, now, 1),
    overviewSection(deps, actor),
  ]);
  const quiet = live.filter((n) => n.kind === "going_quiet");
  const quietNames = await Promise.all(
    quiet.slice(0, 5).map(async (n) => {
      const r = await deps.repos.referrers.findById(actor.practiceId, n.referrerId);
      return r ? `• ${r.displayName}: ${n.reason}` : null;
    }),
  );
  const team = isAdmin(actor) ? await loadTeamFigures(deps, actor.practiceId) : null;
  const teamPart = team
    ? [{ text: `*The team · ${team.monthNames.this} and ${team.monthNames.last}*` }, ...teamSections(team)]
    : [];
  return {
    ephemeral: true,
    tone: "info",
    headline: practice?.name ?? "Referral Nudge",
    sections: [
      {
        fields: [
          { label: "Referrals this month", value: String(arrivals.total) },
          { label: "Touches this month", value: String(touches) },
          { label: "Open nudges", value: String(live.length) },
          { label: "Going quiet", value: String(quiet.length) },
        ],
      },
      ...(overview ? [overview] : []),
      { text: "*My open nudges*" },
      ...list.sections,
      {
        text: quiet.length
          ? `*Going quiet*\n${quietNames.filter(Boolean).join("\n")}${quiet.length > 5 ? `\n…and ${quiet.length - 5} more` : ""}`
          : "*Going quiet*\nNobody. Good.",
      },
      ...teamPart,
    ],
  };
}
