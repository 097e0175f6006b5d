// A ServiceRequest (a referral, as the US eReferral and 360X guides send it) translated into the intake's
// item: its id is the source id; the requester (a Practitioner, or a PractitionerRole with its Practitioner
// and Organization) is the referring provider, found by NPI first; reasonCode, reasonReference and code are
// the reason; performerType (or the performer's PractitionerRole.specialty) is the specialty. The Patient
// is read only for the identifiers to drop from the free text.
import type {
  Condition,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
  ServiceRequest,
} from "@medplum/fhirtypes";
import type { IncomingReferralWire } from "../../core/intake/incoming-referral.ts";
import type { ReferralStatus } from "../../core/model.ts";
import { isValidNpi } from "../../core/validation/npi.ts";
import { dateTextOf, mrnOf, NPI_SYSTEM, nameOf, npiOf, textOf } from "./fhir-values.ts";
import { type FhirIssue, problem } from "./operation-outcome.ts";
import { type Located, type RequestResources, typeOfReference } from "./resolve-reference.ts";

/** An item for receiveReferrals, and the element each of its fields came from. */
export interface TranslatedItem {
  item: IncomingReferralWire;
  /** Wire field → FHIR path, so a problem the intake finds in a field is reported at its element. */
  paths: Record<string, string>;
}

export type Translation = { ok: true; value: TranslatedItem } | { ok: false; issues: FhirIssue[] };

/**
 * The referral's id: the ServiceRequest's id (which a Task's basedOn names), else its placer identifier
 * (or first identifier) value. On PUT the URL's id.
 */
export function sourceIdOf(sr: ServiceRequest, urlId?: string): string | undefined {
  if (urlId) return urlId;
  if (sr.id) return sr.id;
  const identifiers = sr.identifier ?? [];
  const placer = identifiers.find((i) => i.type?.coding?.some((c) => c.code === "PLAC") && i.value?.trim());
  const chosen = placer ?? identifiers.find((i) => i.use === "official" && i.value?.trim()) ?? identifiers[0];
  return chosen?.value?.trim() || undefined;
}

/** What each ServiceRequest status says about where the referral stands (null: nothing). */
const STATUS: Record<ServiceRequest["status"], ReferralStatus | null | "refuse"> = {
  draft: "refuse",
  active: null,
  "on-hold": null,
  revoked: "cancelled",
  completed: "seen",
  "entered-in-error": "cancelled",
  unknown: null,
};

interface Referrer {
  name?: string;
  npi?: string;
  clinic?: string;
  paths: Record<string, string>;
}

export function referralItemOf(
  sr: Located<ServiceRequest>,
  resources: RequestResources,
  opts: { urlId?: string; now: Date },
): Translation {
  const r = sr.resource;
  const at = (element: string) => `${sr.path}.${element}`;
  const issues: FhirIssue[] = [];

  const sourceId = sourceIdOf(r, opts.urlId);
  if (!sourceId) {
    issues.push(
      problem(
        "required",
        "Give the ServiceRequest an id or an identifier (the referral's id in your system), so a retry and its Task find it",
        at("identifier"),
      ),
    );
  } else if (sourceId.length > 100) {
    issues.push(problem("value", "The referral's id is over 100 characters", at(r.id ? "id" : "identifier")));
  }
  const mapped = STATUS[r.status] as ReferralStatus | null | "refuse" | undefined;
  if (mapped === undefined) issues.push(problem("code-invalid", "Not a ServiceRequest status", at("status")));
  if (mapped === "refuse") {
    issues.push(problem("business-rule", "A draft is not a referral yet: send it when it is active", at("status")));
  }
  const status = mapped === "refuse" ? null : (mapped ?? null);

  const referrer = referrerOf(r.requester, sr, resources, issues);
  const authored = dateTextOf(r.authoredOn);
  if (r.authoredOn && !authored) {
    issues.push(problem("value", "Give the day the referral was written (YYYY-MM-DD at least)", at("authoredOn")));
  }
  if (issues.length > 0) return { ok: false, issues };

  const item: IncomingReferralWire = {
    sourceId: sourceId!,
    receivedAt: authored ?? opts.now.toISOString(),
    providerName: referrer.name!,
    ...(referrer.npi ? { providerNpi: referrer.npi } : {}),
    ...(referrer.clinic ? { clinic: referrer.clinic } : {}),
  };
  const paths: Record<string, string> = {
    sourceId: at(opts.urlId ? "id" : r.id ? "id" : "identifier"),
    receivedAt: at("authoredOn"),
    ...referrer.paths,
  };
  const specialty = specialtyOf(r, sr, resources);
  if (specialty) {
    item.specialty = specialty.text;
    paths.specialty = specialty.path;
  }
  const reason = reasonOf(r, sr, resources);
  if (reason) {
    item.reason = reason;
    paths.reason = at("reasonCode");
  }
  if (status) {
    item.status = status;
    paths.status = at("status");
  }
  const patient = patientOf(r.subject, sr, resources);
  if (patient === "invalid") {
    // Its identifiers could not be read, so they could not be dropped from the free text.
    return { ok: false, issues: [problem("invalid", "The subject (the Patient) is not valid", at("subject"))] };
  }
  if (patient) item.patient = patient;
  return { ok: true, value: { item, paths } };
}

/** The referring provider: name, NPI and clinic, from the requester and what it points to. */
function referrerOf(
  ref: Reference | undefined,
  sr: Located<ServiceRequest>,
  resources: RequestResources,
  issues: FhirIssue[],
): Referrer {
  const at = `${sr.path}.requester`;
  const referrer: Referrer = { paths: {} };
  const issuesBefore = issues.length;
  if (!ref) {
    issues.push(problem("required", "Name the referring provider: requester (a Practitioner or PractitionerRole)", at));
    return referrer;
  }
  const found = resources.resolve(ref, sr);
  if (found.kind === "missing" && found.local) {
    issues.push(problem("not-found", `${found.reference} is not in the request`, at));
    return referrer;
  }
  if (found.kind === "invalid") {
    issues.push(problem("invalid", `The requester (${found.path}) is not valid`, at));
    return referrer;
  }
  const npiAt = (value: string, path: string) => {
    if (referrer.npi) return;
    if (!isValidNpi(value)) issues.push(problem("value", "An NPI is 10 digits with a valid check digit", path));
    referrer.npi = value;
    referrer.paths.providerNpi = path;
  };
  const takeNpi = (located: Located<Practitioner | PractitionerRole>) => {
    const npi = npiOf(located.resource.identifier);
    if (npi) npiAt(npi.value, `${located.path}.identifier[${npi.index}].value`);
  };
  /** A Practitioner in the request, else what the Reference itself says (an NPI identifier, a display). */
  const takePractitioner = (practitionerRef: Reference | undefined, from: string) => {
    const p = resources.resolve(practitionerRef, sr);
    if (p.kind === "found" && p.found.resource.resourceType === "Practitioner") {
      const located = p.found as Located<Practitioner>;
      takeNpi(located);
      referrer.name = nameOf(located.resource.name);
      referrer.paths.providerName = `${located.path}.name`;
    } else if (p.kind === "missing" && p.local) {
      issues.push(problem("not-found", `${p.reference} is not in the request`, from));
    } else if (p.kind === "invalid") {
      issues.push(problem("invalid", `The practitioner (${p.path}) is not valid`, from));
    }
    const logical = practitionerRef?.identifier;
    if (logical?.system === NPI_SYSTEM && logical.value?.trim())
      npiAt(logical.value.trim(), `${from}.identifier.value`);
    if (!referrer.name && practitionerRef?.display?.trim()) {
      referrer.name = practitionerRef.display.trim();
      referrer.paths.providerName = `${from}.display`;
    }
  };

  const type = found.kind === "found" ? found.found.resource.resourceType : typeOfReference(ref);
  if (found.kind === "found" && type === "PractitionerRole") {
    const role = found.found as Located<PractitionerRole>;
    takePractitioner(role.resource.practitioner, `${role.path}.practitioner`);
    takeNpi(role);
    const org = resources.resolve(role.resource.organization, sr);
    if (org.kind === "invalid") {
      issues.push(problem("invalid", `The organization (${org.path}) is not valid`, `${role.path}.organization`));
    }
    const orgName =
      org.kind === "found" && org.found.resource.resourceType === "Organization"
        ? { text: (org.found.resource as Organization).name?.trim(), path: `${org.found.path}.name` }
        : { text: role.resource.organization?.display?.trim(), path: `${role.path}.organization.display` };
    if (orgName.text) {
      referrer.clinic = orgName.text;
      referrer.paths.clinic = orgName.path;
    }
  } else if (type === "Practitioner" || type === "PractitionerRole" || type === null) {
    takePractitioner(ref, at);
  } else {
    issues.push(
      problem(
        "business-rule",
        `The requester is a ${type}: name the Practitioner or PractitionerRole who referred`,
        at,
      ),
    );
    return referrer;
  }
  if (!referrer.name && issues.length === issuesBefore) {
    const message =
      found.kind === "missing"
        ? `${found.reference} is not in the request: send it in the Bundle, contain it, or give requester.display`
        : "The referring provider has no name";
    issues.push(problem("required", message, at));
  }
  return referrer;
}

/** performerType, else the specialty of a PractitionerRole among the performers. */
function specialtyOf(
  r: ServiceRequest,
  sr: Located<ServiceRequest>,
  resources: RequestResources,
): { text: string; path: string } | undefined {
  const type = textOf(r.performerType);
  if (type) return { text: type, path: `${sr.path}.performerType` };
  for (const performer of r.performer ?? []) {
    const found = resources.resolve(performer, sr);
    if (found.kind !== "found" || found.found.resource.resourceType !== "PractitionerRole") continue;
    const specialty = textOf((found.found.resource as PractitionerRole).specialty?.[0]);
    if (specialty) return { text: specialty, path: `${found.found.path}.specialty[0]` };
  }
  return undefined;
}

/** What is requested (code) and why (reasonCode, reasonReference's Condition or display), in words. */
function reasonOf(r: ServiceRequest, sr: Located<ServiceRequest>, resources: RequestResources): string | undefined {
  const why = (r.reasonCode ?? []).map(textOf);
  for (const ref of r.reasonReference ?? []) {
    const found = resources.resolve(ref, sr);
    const condition = found.kind === "found" && found.found.resource.resourceType === "Condition";
    why.push((condition ? textOf((found.found as Located<Condition>).resource.code) : undefined) ?? ref.display);
  }
  const parts = [textOf(r.code), ...why].map((p) => p?.trim()).filter((p): p is string => Boolean(p));
  const unique = [...new Set(parts)];
  return unique.length ? unique.join("; ").slice(0, 2000) : undefined;
}

/** The patient's name, MRN and birth date, only to drop them from the free text. */
function patientOf(
  ref: Reference | undefined,
  sr: Located<ServiceRequest>,
  resources: RequestResources,
): IncomingReferralWire["patient"] | "invalid" | undefined {
  const found = resources.resolve(ref, sr);
  if (found.kind === "invalid") return "invalid";
  const patient = found.kind === "found" && found.found.resource.resourceType === "Patient" ? found.found : null;
  const p = patient?.resource as Patient | undefined;
  const name = nameOf(p?.name)?.slice(0, 200) ?? ref?.display?.trim().slice(0, 200);
  const mrn = mrnOf(p?.identifier)?.slice(0, 64);
  const birthDate = p?.birthDate?.slice(0, 40);
  if (!name && !mrn && !birthDate) return undefined;
  return { ...(name ? { name } : {}), ...(mrn ? { mrn } : {}), ...(birthDate ? { birthDate } : {}) };
}
