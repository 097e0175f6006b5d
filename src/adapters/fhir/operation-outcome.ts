// Every answer of the FHIR door that is not a Bundle is an OperationOutcome: what went wrong (or what
// became of the resource), with the element's path in `expression` so an interface analyst finds it.
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";

/** One thing to say about a resource: FHIR's issue severity and type, our words, and where. */
export interface FhirIssue {
  severity: OperationOutcomeIssue["severity"];
  code: OperationOutcomeIssue["code"];
  message: string;
  /** The element's path, e.g. "ServiceRequest.requester" or "Bundle.entry[2].resource.identifier[0]". */
  expression?: string;
}

export const problem = (code: FhirIssue["code"], message: string, expression?: string): FhirIssue => ({
  severity: "error",
  code,
  message,
  ...(expression ? { expression } : {}),
});

export const information = (message: string, expression?: string): FhirIssue => ({
  severity: "information",
  code: "informational",
  message,
  ...(expression ? { expression } : {}),
});

export function operationOutcome(issues: readonly FhirIssue[]): OperationOutcome {
  return {
    resourceType: "OperationOutcome",
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      details: { text: i.message },
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

export const isError = (issue: FhirIssue) => issue.severity === "error" || issue.severity === "fatal";

/**
 * The HTTP status for a resource refused with these issues: 422 when it is valid FHIR the door cannot take
 * as it stands (a business rule: a draft, an organization as the requester, an intake check), else 400
 * (not valid FHIR, or missing what the door needs: a requester, a valid NPI, a resolvable reference).
 */
export function refusalStatus(issues: readonly FhirIssue[]): 400 | 422 {
  const semantic = new Set<string>(["business-rule", "processing", "conflict", "duplicate"]);
  return issues.some((i) => isError(i) && !semantic.has(i.code)) ? 400 : 422;
}
