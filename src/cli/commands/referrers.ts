import type { Services } from "../../app/create-services.ts";
import type { Actor, Practice } from "../../core/model.ts";
import { addReferrer } from "../../core/referrers/add-referrer.ts";

export function cliActor(practice: Practice): Actor {
  return {
    practiceId: practice.id,
    memberId: null,
    name: process.env.USER ? `cli:${process.env.USER}` : "cli",
    channel: "cli",
    role: null,
  };
}

export async function referrersListCommand(s: Services, practice: Practice, opts: { all: boolean }) {
  // One read of every referrer: the archived ones are counted even when they are not shown.
  const everyone = await s.repos.referrers.listForPractice(practice.id, { includeArchived: true });
  const archived = everyone.filter((r) => r.status === "archived").length;
  const list = opts.all ? everyone : everyone.filter((r) => r.status !== "archived");
  if (everyone.length === 0) {
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
  console.log(referrerCountLine(list.length, archived, practice.name, opts.all));
}

/** "57 referrers in My Practice (3 archived, not shown; --all shows them)." */
export function referrerCountLine(shown: number, archived: number, practiceName: string, all: boolean): string {
  const count = `${shown.toLocaleString("en-US")} referrer${shown === 1 ? "" : "s"} in ${practiceName}`;
  if (archived === 0) return `${count}.`;
  const n = archived.toLocaleString("en-US");
  return all ? `${count} (${n} archived).` : `${count} (${n} archived, not shown; --all shows them).`;
}

export async function referrersAddCommand(s: Services, practice: Practice, input: Record<string, string | undefined>) {
  const added = await addReferrer(
    { referrers: s.repos.referrers, referrersChanged: (id) => s.lookup.invalidate(id) },
    cliActor(practice),
    input,
  );
  if (added.kind === "invalid") {
    console.error(
      `${added.problem}.\nExample: referral-nudge referrers add "Dr. Jane Smith, MD" --clinic "Main St Clinic" --npi 1234567893`,
    );
    process.exitCode = 1;
    return;
  }
  if (added.kind === "exists") {
    console.error(`${added.explanation}; nothing added.`);
    process.exitCode = 1;
    return;
  }
  console.log(`Added ${added.referrer.displayName} to ${practice.name}.`);
}

/**
 * `referrers owner "Dr. Lee" <member>`: who looks after a referrer (the team view lists them under that
 * member; nudges passed over are handed on to them). `none` clears it. The member is a member id or a chat
 * user id, as `members list` shows them.
 */
export async function referrersOwnerCommand(s: Services, practice: Practice, name: string, who: string) {
  const found = await s.lookup.resolve(practice.id, name);
  if (found.kind !== "one") {
    console.error(
      found.kind === "ambiguous"
        ? `"${name}" names ${found.candidates.length} referrers; use the full name.`
        : `No referrer called "${name}" in ${practice.name}.`,
    );
    process.exitCode = 1;
    return;
  }
  const members = await s.repos.members.listForPractice(practice.id);
  const member = who === "none" ? null : members.find((m) => m.id === who || m.externalUserId === who);
  if (member === undefined) {
    console.error(`No member "${who}" in ${practice.name}; referral-nudge members list shows their ids.`);
    process.exitCode = 1;
    return;
  }
  const updated = await s.repos.referrers.setOwner(cliActor(practice), found.referrer.id, member?.id ?? null);
  if (!updated) {
    console.error(`Could not change who looks after ${found.referrer.displayName}.`);
    process.exitCode = 1;
    return;
  }
  console.log(
    member
      ? `${member.displayName} now looks after ${updated.displayName}.`
      : `Nobody looks after ${updated.displayName} now.`,
  );
}
