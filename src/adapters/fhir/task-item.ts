// A Task tracking a referral (as the 360X and US eReferral guides use it: basedOn, or focus, is the
// ServiceRequest) translated into a status item. Its status says where the referral stands:
// accepted or in-progress with an appointment among its outputs: scheduled; completed: seen;
// rejected, cancelled or failed: cancelled. A consult note among the outputs (a DocumentReference or a
// Communication, or the note attached) means the referrer was informed in writing: reportSentAt.
// requested, received, ready, on-hold, or accepted without an appointment say nothing new.
import type {
  Appointment,
  Communication,
  DocumentReference,
  Reference,
  ServiceRequest,
  Task,
  TaskOutput,
} from "@medplum/fhirtypes";
import type { IncomingReferralWire } from "../../core/intake/incoming-referral.ts";
import { dateTextOf, textOf } from "./fhir-values.ts";
import { type FhirIssue, problem } from "./operation-outcome.ts";
import { type Located, type RequestResources, typeIdOf, typeOfReference } from "./resolve-reference.ts";
import { sourceIdOf, type TranslatedItem } from "./service-request-item.ts";

export type TaskTranslation =
  | { ok: true; value: TranslatedItem }
  /** Valid, and it says nothing to record (requested, on-hold, accepted without an appointment). */
  | { ok: true; value: null; note: string }
  | { ok: false; issues: FhirIssue[] };

type Progress = "scheduled-if-appointment" | "seen" | "cancelled" | "nothing";

const PROGRESS: Record<Task["status"], Progress> = {
  draft: "nothing",
  requested: "nothing",
  received: "nothing",
  ready: "nothing",
  "on-hold": "nothing",
  accepted: "scheduled-if-appointment",
  "in-progress": "scheduled-if-appointment",
  completed: "seen",
  rejected: "cancelled",
  cancelled: "cancelled",
  failed: "cancelled",
  "entered-in-error": "nothing",
};

/** The referral's id: of the ServiceRequest in the request, else of the one the Reference names. */
function referralIdOf(ref: Reference, task: Located<Task>, resources: RequestResources): string | undefined {
  const found = resources.resolve(ref, task);
  if (found.kind === "found") {
    return found.found.resource.resourceType === "ServiceRequest"
      ? sourceIdOf(found.found.resource as ServiceRequest)
      : undefined;
  }
  if (found.kind === "missing" && !found.local && ref.reference) return typeIdOf(ref.reference)?.split("/")[1];
  return ref.identifier?.value?.trim() || undefined;
}

function isServiceRequestRef(ref: Reference, task: Located<Task>, resources: RequestResources): boolean {
  const found = resources.resolve(ref, task);
  if (found.kind === "found") return found.found.resource.resourceType === "ServiceRequest";
  // Said to be here (reported as missing or invalid below), or named by type.
  if ((found.kind === "missing" && found.local) || found.kind === "invalid") return true;
  return typeOfReference(ref) === "ServiceRequest" || (!ref.reference && Boolean(ref.identifier?.value));
}

const outputNames = (output: TaskOutput) => (textOf(output.type) ?? "").toLowerCase();

export function statusItemOf(task: Located<Task>, resources: RequestResources, now: Date): TaskTranslation {
  const t = task.resource;
  const at = (element: string) => `${task.path}.${element}`;
  const issues: FhirIssue[] = [];

  const candidates = [
    ...(t.basedOn ?? []).map((ref, i) => ({ ref, path: at(`basedOn[${i}]`) })),
    ...(t.focus ? [{ ref: t.focus, path: at("focus") }] : []),
  ];
  const target = candidates.find((c) => isServiceRequestRef(c.ref, task, resources));
  if (!target) {
    issues.push(
      problem("required", "Say which referral this Task is about: basedOn the ServiceRequest", at("basedOn")),
    );
    return { ok: false, issues };
  }
  const resolved = resources.resolve(target.ref, task);
  if (resolved.kind === "missing" && resolved.local) {
    issues.push(problem("not-found", `${resolved.reference} is not in the request`, target.path));
    return { ok: false, issues };
  }
  if (resolved.kind === "invalid") {
    issues.push(problem("invalid", `The ServiceRequest (${resolved.path}) is not valid`, target.path));
    return { ok: false, issues };
  }
  const sourceId = referralIdOf(target.ref, task, resources);
  if (!sourceId || sourceId.length > 100) {
    issues.push(problem("value", "The ServiceRequest's id cannot be read from this reference", target.path));
    return { ok: false, issues };
  }
  const progress = PROGRESS[t.status];
  if (!progress) {
    issues.push(problem("code-invalid", "Not a Task status", at("status")));
    return { ok: false, issues };
  }

  const changed = dateTextOf(t.lastModified);
  const item: IncomingReferralWire = { sourceId };
  const paths: Record<string, string> = { sourceId: target.path, status: at("status") };

  const appointment = appointmentOf(t, task, resources);
  if (appointment && progress !== "cancelled" && progress !== "nothing") {
    if (appointment.start) {
      item.scheduledAt = appointment.start;
      paths.scheduledAt = appointment.path;
    }
    if (progress === "scheduled-if-appointment") {
      item.status = "scheduled";
      if (appointment.start) item.statusDate = appointment.start;
    }
  }
  if (progress === "seen") {
    item.status = "seen";
    const seen = dateTextOf(t.executionPeriod?.end) ?? changed;
    if (seen) {
      item.seenAt = seen;
      paths.seenAt = t.executionPeriod?.end ? at("executionPeriod.end") : at("lastModified");
    }
  }
  if (progress === "cancelled") {
    item.status = "cancelled";
    if (changed) item.statusDate = changed;
  }
  const report = reportOf(t, task, resources);
  if (report) {
    item.reportSentAt = report.date ?? changed ?? now.toISOString();
    paths.reportSentAt = report.path;
  }
  if (!item.status && !item.reportSentAt) {
    const note =
      progress === "scheduled-if-appointment"
        ? `The referral is ${t.status}; it counts as scheduled once the Task has an appointment among its outputs`
        : `A ${t.status} Task changes nothing about the referral`;
    return { ok: true, value: null, note };
  }
  return { ok: true, value: { item, paths } };
}

/** The appointment among the Task's outputs (or inputs): a referenced Appointment, or a dated output so named. */
function appointmentOf(
  t: Task,
  task: Located<Task>,
  resources: RequestResources,
): { start?: string; path: string } | undefined {
  for (const [i, output] of (t.output ?? []).entries()) {
    const path = `${task.path}.output[${i}]`;
    const ref = output.valueReference;
    if (ref) {
      const found = resources.resolve(ref, task);
      if (found.kind === "found" && found.found.resource.resourceType === "Appointment") {
        const start = dateTextOf((found.found.resource as Appointment).start);
        return { ...(start ? { start } : {}), path: `${found.found.path}.start` };
      }
      if (typeOfReference(ref) === "Appointment") return { path };
    }
    if (outputNames(output).includes("appointment")) {
      const start = dateTextOf(output.valueDateTime ?? output.valueInstant ?? output.valuePeriod?.start);
      if (start) return { start, path: `${path}.value` };
    }
  }
  return undefined;
}

/** The consult note among the outputs: a DocumentReference, a Communication, or the note attached. */
function reportOf(
  t: Task,
  task: Located<Task>,
  resources: RequestResources,
): { date?: string; path: string } | undefined {
  for (const [i, output] of (t.output ?? []).entries()) {
    const path = `${task.path}.output[${i}]`;
    if (output.valueAttachment) return { path: `${path}.valueAttachment` };
    const ref = output.valueReference;
    if (!ref) continue;
    const found = resources.resolve(ref, task);
    const resource = found.kind === "found" ? found.found.resource : undefined;
    if (resource?.resourceType === "DocumentReference") {
      const date = dateTextOf((resource as DocumentReference).date);
      return { ...(date ? { date } : {}), path: `${path}.valueReference` };
    }
    if (resource?.resourceType === "Communication") {
      const date = dateTextOf((resource as Communication).sent);
      return { ...(date ? { date } : {}), path: `${path}.valueReference` };
    }
    const type = resource ? null : typeOfReference(ref);
    if (type === "DocumentReference" || type === "Communication") return { path: `${path}.valueReference` };
  }
  return undefined;
}
