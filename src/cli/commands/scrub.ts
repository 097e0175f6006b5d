// `referral-nudge scrub`: cleans patient identifiers out of every stored reason, specialty, note and feedback.
import type { Services } from "../../app/create-services.ts";
import { type ScrubCounts, scrubStoredText } from "../../db/scrub-stored-text.ts";

export function formatScrubCounts(counts: ScrubCounts): string[] {
  const line = (label: string, c: { checked: number; cleaned: number }) =>
    `  ${label.padEnd(28)} ${c.cleaned.toLocaleString("en-US")} cleaned of ${c.checked.toLocaleString("en-US")}`;
  return [
    "Scrubbed stored free text of patient identifiers:",
    line("referral reasons/specialties", counts.referrals),
    line("referrer specialties", counts.referrers),
    line("touch notes", counts.touches),
    line("feedback", counts.feedback),
  ];
}

export async function scrubCommand(services: Pick<Services, "db">): Promise<ScrubCounts> {
  const counts = await scrubStoredText(services.db.prisma);
  for (const line of formatScrubCounts(counts)) console.log(line);
  return counts;
}
