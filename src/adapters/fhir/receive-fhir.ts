// The FHIR door's one path into the core: the resources of a request (one ServiceRequest or Task, or a
// Bundle's entries) are validated as FHIR, translated into intake items, checked the way the intake will
// check them, and handed to receiveReferrals in one call. A transaction stores all or nothing: if any
// entry is refused, receiveReferrals is not called at all.
import type { ServiceRequest, Task } from "@medplum/fhirtypes";
import { parseIncomingReferral } from "../../core/intake/incoming-referral.ts";
import { type ItemOutcome, type ReceiveReferralsPorts, receiveReferrals } from "../../core/intake/receive-referrals.ts";
import type { Actor } from "../../core/model.ts";
import type { ApiTokenGrant } from "../../core/ports.ts";
import { ZNewReferrerInput } from "../../core/validation/referrer-input.ts";
import { type FhirIssue, problem } from "./operation-outcome.ts";
import { isReadResourceType } from "./read-resource-types.ts";
import { type Located, RequestResources } from "./resolve-reference.ts";
import { referralItemOf, type TranslatedItem } from "./service-request-item.ts";
import { statusItemOf } from "./task-item.ts";
import { fhirProblemsOf } from "./validate-resource.ts";

/** One resource of the request and where it sits. */
export interface IncomingEntry {
  located: Located;
  fullUrl?: string;
  /** The id a PUT names in its URL. */
  urlId?: string;
  /** Problems found before its resource was read (its Bundle entry's request, a PUT's id). */
  problems?: FhirIssue[];
}

export type EntryOutcome =
  | { kind: "stored"; resourceType: "ServiceRequest" | "Task"; sourceId: string; result: ItemOutcome }
  /** Read and valid, and nothing to store: a Task that changes nothing, a Practitioner read with its referral. */
  | { kind: "read"; note: string }
  | { kind: "refused"; issues: FhirIssue[] };

export interface FhirIntakeDeps {
  ports: ReceiveReferralsPorts;
}

const NOT_READ =
  "Not read: this server keeps referrals (ServiceRequest) and their progress (Task), with the resources they refer to";
const READ_WITH = "Read with the resource that refers to it; not stored on its own";

/** An intake field's problem at the FHIR element it came from. */
function atElement(translated: TranslatedItem, root: string, issues: readonly { path: string; message: string }[]) {
  return issues.map((issue) => {
    const field = issue.path.split(".")[0]!;
    return problem("business-rule", issue.message, translated.paths[field] ?? root);
  });
}

export async function receiveFhir(
  deps: FhirIntakeDeps,
  grant: ApiTokenGrant,
  entries: readonly IncomingEntry[],
  opts: { atomic: boolean; now: Date },
): Promise<{ outcomes: EntryOutcome[]; stored: boolean }> {
  const outcomes: EntryOutcome[] = entries.map((entry) => {
    const { resource, path } = entry.located;
    if (entry.problems?.length) return { kind: "refused", issues: entry.problems };
    if (!isReadResourceType(resource.resourceType)) return { kind: "read", note: NOT_READ };
    const problems = fhirProblemsOf(resource).map((issue) => rebase(issue, path));
    return problems.length ? { kind: "refused", issues: problems } : { kind: "read", note: READ_WITH };
  });
  // A refused entry can be found (to say so) but is never read: the references to it are refused too.
  const resources = new RequestResources(
    entries.map((e, i) => ({
      located: e.located,
      ...(e.fullUrl ? { fullUrl: e.fullUrl } : {}),
      invalid: outcomes[i]!.kind === "refused",
    })),
  );

  const practice = { id: grant.practiceId, timeZone: grant.timeZone };
  const items: { entry: number; translated: TranslatedItem }[] = [];
  for (const [i, entry] of entries.entries()) {
    if (outcomes[i]!.kind === "refused") continue;
    const { resource, path } = entry.located;
    if (resource.resourceType !== "ServiceRequest" && resource.resourceType !== "Task") continue;
    const translation =
      resource.resourceType === "ServiceRequest"
        ? referralItemOf(entry.located as Located<ServiceRequest>, resources, {
            ...(entry.urlId ? { urlId: entry.urlId } : {}),
            now: opts.now,
          })
        : statusItemOf(entry.located as Located<Task>, resources, opts.now);
    if (!translation.ok) {
      outcomes[i] = { kind: "refused", issues: translation.issues };
      continue;
    }
    if (translation.value === null) {
      outcomes[i] = { kind: "read", note: "note" in translation ? translation.note : READ_WITH };
      continue;
    }
    const translated = translation.value;
    const issues = precheck(translated, path, practice.timeZone, opts.now);
    if (issues.length) {
      outcomes[i] = { kind: "refused", issues };
      continue;
    }
    items.push({ entry: i, translated });
  }

  const refused = outcomes.some((o) => o.kind === "refused");
  if ((opts.atomic && refused) || items.length === 0) return { outcomes, stored: false };

  const actor: Actor = {
    practiceId: grant.practiceId,
    memberId: null,
    name: `fhir:${grant.label}`,
    channel: "import",
    role: null,
  };
  const received = await receiveReferrals(
    deps.ports,
    actor,
    practice,
    items.map((x) => x.translated.item),
    { sourceSystem: grant.sourceSystem, now: opts.now },
  );
  for (const result of received.results) {
    const { entry, translated } = items[result.index]!;
    const resourceType = entries[entry]!.located.resource.resourceType as "ServiceRequest" | "Task";
    outcomes[entry] =
      result.result === "rejected"
        ? { kind: "refused", issues: atElement(translated, entries[entry]!.located.path, result.issues) }
        : { kind: "stored", resourceType, sourceId: result.sourceId, result: result.result };
  }
  return { outcomes, stored: true };
}

/** The intake's own checks, run first so a transaction is refused whole before anything is written. */
function precheck(translated: TranslatedItem, root: string, zone: string, now: Date): FhirIssue[] {
  const parsed = parseIncomingReferral(translated.item, { zone, now });
  if (!parsed.ok) return atElement(translated, root, parsed.issues);
  const details = parsed.item.details;
  if (!details) return [];
  // What addReferrer checks when the referrer is new (a known one would be matched instead).
  const referrer = ZNewReferrerInput.safeParse({
    name: details.providerName,
    ...(details.npi ? { npi: details.npi } : {}),
    ...(details.clinic ? { clinic: details.clinic } : {}),
  });
  if (referrer.success) return [];
  const field = { name: "providerName", npi: "providerNpi", clinic: "clinic" } as Record<string, string>;
  return atElement(
    translated,
    root,
    referrer.error.issues.map((i) => ({ path: field[String(i.path[0])] ?? "providerName", message: i.message })),
  );
}

/** Medplum's paths start with the resource type ("ServiceRequest.authoredOn"); inside a Bundle, at its entry. */
function rebase(issue: FhirIssue, path: string): FhirIssue {
  if (!path.startsWith("Bundle.")) return issue;
  const expression = issue.expression ?? "";
  const rest = /^[A-Z]/.test(expression) ? expression.replace(/^[A-Z][A-Za-z]+/, "") : expression && `.${expression}`;
  return { ...issue, expression: `${path}${rest}` };
}
