// `referral-nudge hl7 link|list|unlink`: which HL7 v2 sending facilities (MSH-4) belong to which practice.
// MLLP has no authentication, so only a linked facility's messages are read; every change is audited.
import { z } from "zod/v4";
import { facilityCodeOf } from "../../adapters/hl7/facility-sender.ts";
import type { Services } from "../../app/create-services.ts";
import { ZSourceSystem } from "../../core/intake/incoming-referral.ts";
import type { Practice } from "../../core/model.ts";
import type { Hl7FacilityLink } from "../../core/ports.ts";
import { CliError } from "../cli-services.ts";
import { cliActor } from "./referrers.ts";

const ZFacility = z
  .string({ error: "give the sending facility as MSH-4 names it, e.g. --facility RIVERSIDE-FH" })
  .transform(facilityCodeOf)
  .pipe(
    z
      .string()
      .regex(
        /^[A-Z0-9][A-Z0-9._\- ]{0,59}$/,
        "a facility code is 1-60 letters, digits, spaces, dots, dashes or underscores, as MSH-4 names it",
      ),
  );

/** A facility's own source system unless one is given: "RIVERSIDE-FH" files under "hl7-riverside-fh". */
function sourceSystemOfFacility(code: string): string {
  return `hl7-${code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")}`.slice(0, 40);
}

const linkLine = (l: Hl7FacilityLink) =>
  [l.facility, `source ${l.sourceSystem}`, `linked ${l.createdAt.toISOString().slice(0, 10)}`].join(" · ");

export async function hl7LinkCommand(
  s: Services,
  practice: Practice,
  input: { facility?: string; source?: string },
): Promise<void> {
  const facility = ZFacility.safeParse(input.facility);
  if (!facility.success) throw new CliError(`${facility.error.issues[0]?.message ?? "the facility is not right"}.`);
  const source = ZSourceSystem.optional().safeParse(input.source);
  if (!source.success) throw new CliError(`${source.error.issues[0]?.message ?? "the source is not right"}.`);
  const sourceSystem = source.data ?? sourceSystemOfFacility(facility.data);
  const result = await s.hl7Facilities.link(cliActor(practice), {
    practiceId: practice.id,
    facility: facility.data,
    sourceSystem,
  });
  if (result.kind === "taken") {
    const other = await s.repos.practices.findById(result.link.practiceId);
    throw new CliError(
      `${facility.data} is linked to ${other?.name ?? "another practice"} already; unlink it there first (referral-nudge hl7 unlink --practice "${other?.name ?? "…"}" --facility ${facility.data}).`,
    );
  }
  const done = result.kind === "linked" ? "Linked" : "Already linked";
  console.log(`${done}: ${linkLine(result.link)} → ${practice.name}`);
  console.error(
    `HL7 v2 messages whose MSH-4 is ${facility.data} now reach ${practice.name} over MLLP (HL7_MLLP_PORT); their referrals are filed under source system ${sourceSystem}.`,
  );
}

export async function hl7ListCommand(s: Services, practice: Practice): Promise<void> {
  const links = await s.hl7Facilities.list(practice.id);
  if (links.length === 0) {
    console.log(`${practice.name} has no HL7 sending facilities. Link one: referral-nudge hl7 link --facility CODE`);
    return;
  }
  for (const l of links) console.log(linkLine(l));
}

export async function hl7UnlinkCommand(s: Services, practice: Practice, input: { facility?: string }): Promise<void> {
  const facility = ZFacility.safeParse(input.facility);
  if (!facility.success) throw new CliError(`${facility.error.issues[0]?.message ?? "the facility is not right"}.`);
  const removed = await s.hl7Facilities.unlink(cliActor(practice), practice.id, facility.data);
  if (!removed) {
    throw new CliError(`${practice.name} has no HL7 facility ${facility.data} (see: referral-nudge hl7 list).`);
  }
  console.log(`Unlinked: ${linkLine(removed)}. Its messages are now refused (AR).`);
}
