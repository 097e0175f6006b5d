import type { Services } from "../../app/create-services.ts";
import type { Actor, Practice } from "../../core/model.ts";
import { firstProblem, toNewReferrer, ZNewReferrerInput } from "../../core/validation/referrer-input.ts";

export function cliActor(practice: Practice): Actor {
  return {
    practiceId: practice.id,
    memberId: null,
    name: process.env.USER ? `cli:${process.env.USER}` : "cli",
    channel: "cli",
    role: null,
  };
}

export async function referrersListCommand(s: Services, practice: Practice, opts: { archived: boolean }) {
  const list = await s.repos.referrers.listForPractice(practice.id, { includeArchived: opts.archived });
  if (list.length === 0) {
    console.log(
      `No referrers in ${practice.name} yet. Add one with: referral-nudge referrers add "Dr. Jane Smith" --clinic "Main St Clinic"`,
    );
    return;
  }
  for (const r of list) {
    console.log(
      [
        r.displayName,
        r.clinic,
        r.specialty,
        r.npi ? `NPI ${r.npi}` : null,
        r.status === "archived" ? "(archived)" : null,
      ]
        .filter(Boolean)
        .join(" · "),
    );
  }
  console.log(`${list.length} referrer(s) in ${practice.name}.`);
}

export async function referrersAddCommand(s: Services, practice: Practice, input: Record<string, string | undefined>) {
  const parsed = ZNewReferrerInput.safeParse(input);
  if (!parsed.success) {
    console.error(
      `${firstProblem(parsed.error)}.\nExample: referral-nudge referrers add "Dr. Jane Smith, MD" --clinic "Main St Clinic" --npi 1234567893`,
    );
    process.exitCode = 1;
    return;
  }
  const input2 = toNewReferrer(parsed.data);
  if (input2.npi) {
    const existing = (await s.repos.referrers.listForPractice(practice.id, { includeArchived: true })).find(
      (r) => r.npi === input2.npi,
    );
    if (existing) {
      console.error(`${existing.displayName} already has NPI ${input2.npi}; nothing added.`);
      process.exitCode = 1;
      return;
    }
  }
  const referrer = await s.repos.referrers.create(practice.id, input2, cliActor(practice));
  console.log(`Added ${referrer.displayName} to ${practice.name}.`);
}
