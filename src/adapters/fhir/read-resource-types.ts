// The resource types the FHIR door reads: a referral (ServiceRequest) with who sent it and for whom,
// its progress (Task) and what the Task points to. Any other resource in a Bundle is answered as not read.
export const READ_RESOURCE_TYPES = [
  "ServiceRequest",
  "Task",
  "Practitioner",
  "PractitionerRole",
  "Organization",
  "Patient",
  "Condition",
  "Appointment",
  "DocumentReference",
  "Communication",
] as const;

/**
 * The types whose definitions are bundled for validation (scripts/fhir-definitions.ts): those read, the
 * Bundle they come in, and the door's own answers (OperationOutcome, CapabilityStatement).
 */
export const DEFINED_RESOURCE_TYPES = [
  ...READ_RESOURCE_TYPES,
  "Bundle",
  "OperationOutcome",
  "CapabilityStatement",
] as const;

export function isReadResourceType(type: unknown): type is (typeof READ_RESOURCE_TYPES)[number] {
  return typeof type === "string" && (READ_RESOURCE_TYPES as readonly string[]).includes(type);
}

export function isDefinedResourceType(type: unknown): type is (typeof DEFINED_RESOURCE_TYPES)[number] {
  return typeof type === "string" && (DEFINED_RESOURCE_TYPES as readonly string[]).includes(type);
}
