// A batch or transaction Bundle: its entries read as one request (references between them resolved, by
// fullUrl or type/id), answered with a batch-response or transaction-response Bundle holding one
// response per entry, in order. A transaction is all or nothing: one refused entry and the answer is an
// OperationOutcome naming every refused entry, with nothing stored.
import type { Bundle, BundleEntry, OperationOutcome, Resource } from "@medplum/fhirtypes";
import { MAX_ITEMS_PER_REQUEST } from "../../core/intake/receive-referrals.ts";
import { type FhirIssue, information, operationOutcome, problem, refusalStatus } from "./operation-outcome.ts";
import type { EntryOutcome, IncomingEntry } from "./receive-fhir.ts";
import { fhirProblemsOf } from "./validate-resource.ts";

/** Entries a Bundle may hold at most: a full intake request of referrals with their practitioners. */
export const MAX_BUNDLE_ENTRIES = 5000;

export type ReadBundle =
  | { ok: true; type: "batch" | "transaction"; entries: IncomingEntry[] }
  | { ok: false; issues: FhirIssue[] };

/** The Bundle's own problems (as FHIR, and for this server), then its entries as the door reads them. */
export function readBundle(bundle: Bundle): ReadBundle {
  // The entries' resources are validated one by one (each by its own type's definition), not here.
  const withoutResource = (entry: unknown) => {
    if (entry === null || typeof entry !== "object") return entry;
    const { resource: _r, ...rest } = entry as BundleEntry;
    return rest;
  };
  const shell = Array.isArray(bundle.entry) ? { ...bundle, entry: bundle.entry.map(withoutResource) } : bundle;
  const issues = fhirProblemsOf(shell, "Bundle");
  if (issues.length) return { ok: false, issues };
  if (bundle.type !== "batch" && bundle.type !== "transaction") {
    return { ok: false, issues: [problem("not-supported", "Send a batch or a transaction Bundle", "Bundle.type")] };
  }
  const all = bundle.entry ?? [];
  if (all.length > MAX_BUNDLE_ENTRIES) {
    return {
      ok: false,
      issues: [
        problem(
          "too-costly",
          `Up to ${MAX_BUNDLE_ENTRIES} entries per Bundle; this one has ${all.length}`,
          "Bundle.entry",
        ),
      ],
    };
  }
  const items = all.filter((e) => ["ServiceRequest", "Task"].includes(e.resource?.resourceType ?? "")).length;
  if (items > MAX_ITEMS_PER_REQUEST) {
    const message = `Up to ${MAX_ITEMS_PER_REQUEST} ServiceRequests and Tasks per Bundle; this one has ${items}`;
    return { ok: false, issues: [problem("too-costly", message, "Bundle.entry")] };
  }
  const entries = all.map((entry, i) => entryOf(entry, i));
  return { ok: true, type: bundle.type, entries };
}

function entryOf(entry: BundleEntry, i: number): IncomingEntry {
  const at = `Bundle.entry[${i}]`;
  const resource = entry.resource as Resource | undefined;
  const problems: FhirIssue[] = [];
  const located = { resource: resource ?? ({ resourceType: "Basic" } as Resource), path: `${at}.resource` };
  if (!resource || typeof resource.resourceType !== "string") {
    problems.push(problem("required", "Each entry holds a resource", `${at}.resource`));
    return { located, problems };
  }
  const { method, url } = entry.request ?? {};
  let urlId: string | undefined;
  if (method !== "POST" && method !== "PUT") {
    problems.push(problem("not-supported", "Only POST and PUT entries are taken", `${at}.request.method`));
  } else {
    const [path] = (url ?? "").split("?");
    const [type, id, ...rest] = (path ?? "").replace(/^\//, "").split("/");
    if (type !== resource.resourceType || rest.length > 0 || (method === "PUT" && !id) || (method === "POST" && id)) {
      const shape = method === "PUT" ? `${resource.resourceType}/[id]` : resource.resourceType;
      problems.push(problem("invalid", `The request's url is ${shape} for this entry`, `${at}.request.url`));
    } else if (method === "PUT") {
      urlId = id;
      if (resource.id && resource.id !== id) {
        problems.push(problem("invalid", "The resource's id differs from the id in request.url", `${at}.resource.id`));
      }
      // An update's resource has the URL's id, so a Task in the same Bundle that points at it finds it by it.
      if (!resource.id) located.resource = { ...resource, id: id! };
    }
  }
  return {
    located,
    ...(entry.fullUrl ? { fullUrl: entry.fullUrl } : {}),
    ...(urlId ? { urlId } : {}),
    ...(problems.length ? { problems } : {}),
  };
}

/** One entry's response, as FHIR words it: "201 Created" with a location, "200 OK", "400 Bad Request". */
export function responseEntryOf(outcome: EntryOutcome): BundleEntry {
  if (outcome.kind === "refused") {
    const status = refusalStatus(outcome.issues) === 400 ? "400 Bad Request" : "422 Unprocessable Entity";
    return { response: { status, outcome: operationOutcome(outcome.issues) } };
  }
  if (outcome.kind === "read")
    return { response: { status: "200 OK", outcome: operationOutcome([information(outcome.note)]) } };
  const created = outcome.result === "created";
  return {
    response: {
      status: created ? "201 Created" : "200 OK",
      ...(outcome.resourceType === "ServiceRequest" && /^[A-Za-z0-9\-.]{1,64}$/.test(outcome.sourceId)
        ? { location: `ServiceRequest/${outcome.sourceId}` }
        : {}),
      outcome: operationOutcome([information(storedNote(outcome))]),
    },
  };
}

export function storedNote(outcome: Extract<EntryOutcome, { kind: "stored" }>): string {
  const what = outcome.resourceType === "ServiceRequest" ? "Referral" : "Status of referral";
  const said = {
    created: "created",
    updated: "updated",
    unchanged: "unchanged (already as sent)",
    pending: "kept until its ServiceRequest arrives",
  }[outcome.result];
  return `${what} ${outcome.sourceId}: ${said}`;
}

export function responseBundleOf(type: "batch" | "transaction", outcomes: readonly EntryOutcome[]): Bundle {
  return {
    resourceType: "Bundle",
    type: type === "batch" ? "batch-response" : "transaction-response",
    entry: outcomes.map(responseEntryOf),
  };
}

/** A refused transaction: every refused entry's problems, at their paths in the Bundle. */
export function refusedTransactionOf(outcomes: readonly EntryOutcome[]): OperationOutcome {
  const issues = outcomes.flatMap((o) => (o.kind === "refused" ? o.issues : []));
  return operationOutcome([
    ...issues,
    information("Nothing in this transaction was stored: correct the entries above and send it again"),
  ]);
}
