// The resource types the FHIR door reads: a referral (ServiceRequest) with who sent it and for whom,
// its progress (Task) and what the Task points to. Their definitions are the ones bundled for validation
// (scripts/fhir-definitions.ts); any other resource in a Bundle is answered as not read.
export const READ_RESOURCE_TYPES = [
  "ServiceRequest",
  "Task",
  "Practitioner",
  "PractitionerRole",
  "Organization",
  "Patient",
  "Condition",
  "Appointment",
  "Encounter",
  "DocumentReference",
  "Communication",
  "Bundle",
  "OperationOutcome",
] as const;

export type ReadResourceType = (typeof READ_RESOURCE_TYPES)[number];

export function isReadResourceType(type: unknown): type is ReadResourceType {
  return typeof type === "string" && (READ_RESOURCE_TYPES as readonly string[]).includes(type);
}

/** The types whose definitions are bundled: those read, and the CapabilityStatement the door answers with. */
export const DEFINED_RESOURCE_TYPES = [...READ_RESOURCE_TYPES, "CapabilityStatement"] as const;
