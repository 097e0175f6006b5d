// FHIR R4 validation by Medplum's validator (@medplum/core): element types, cardinalities, unknown
// elements and the specification's invariants, against the StructureDefinitions bundled in
// r4-definitions.json (scripts/fhir-definitions.ts). They are indexed once, on the first FHIR request,
// so a server that never speaks FHIR never pays the ~0.2 s it takes.
import { readFileSync } from "node:fs";
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import type { Bundle, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";
import type { FhirIssue } from "./operation-outcome.ts";
import { isDefinedResourceType } from "./read-resource-types.ts";

let indexed = false;

/** Indexes the bundled definitions (once). */
export function loadFhirDefinitions(): void {
  if (indexed) return;
  const text = readFileSync(new URL("./r4-definitions.json", import.meta.url), "utf8");
  indexStructureDefinitionBundle(JSON.parse(text) as Bundle);
  indexed = true;
}

function issueOf(issue: OperationOutcomeIssue): FhirIssue {
  return {
    severity: issue.severity,
    code: issue.code,
    message: issue.details?.text ?? issue.diagnostics ?? "Invalid",
    ...(issue.expression?.[0] ? { expression: issue.expression[0] } : {}),
  };
}

/**
 * The problems of a resource of a type whose definition is bundled, paths from its type ("ServiceRequest.authoredOn").
 * Empty when it is valid. Anything that is not an object with a read resourceType is one problem.
 */
export function fhirProblemsOf(value: unknown, expected?: string): FhirIssue[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [{ severity: "error", code: "structure", message: "Send a FHIR resource (a JSON object)" }];
  }
  const type = (value as { resourceType?: unknown }).resourceType;
  if (expected && type !== expected) {
    return [
      {
        severity: "error",
        code: "invalid",
        message: `Expected a ${expected}, got ${typeof type === "string" ? `a ${type.slice(0, 40)}` : "no resourceType"}`,
        expression: "resourceType",
      },
    ];
  }
  if (!isDefinedResourceType(type)) {
    return [
      {
        severity: "error",
        code: "not-supported",
        message: "Not a resource type this server reads",
        expression: "resourceType",
      },
    ];
  }
  loadFhirDefinitions();
  try {
    return validateResource(value as Resource)
      .map(issueOf)
      .filter((i) => i.severity === "error" || i.severity === "fatal");
  } catch (error) {
    if (error instanceof OperationOutcomeError) return (error.outcome.issue ?? []).map(issueOf);
    throw error;
  }
}
