// GET /fhir/metadata: what this server is, in FHIR's words, so an EHR's interface team (or its FHIR
// client) sees what it may send: ServiceRequest and Task by create and update, batch and transaction
// Bundles, JSON only, a Bearer token.
import type { CapabilityStatement } from "@medplum/fhirtypes";

export function capabilityStatement(version: string, date: string): CapabilityStatement {
  const writes = [{ code: "create" as const }, { code: "update" as const }];
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date,
    kind: "instance",
    name: "ReferralNudgeIntake",
    title: "Referral Nudge referral intake",
    description:
      "Receives referrals (ServiceRequest, with its requester Practitioner, PractitionerRole and Organization) and " +
      "their progress (Task basedOn the ServiceRequest). Nothing can be read back: patient identifiers are dropped at the door.",
    software: { name: "Referral Nudge", version },
    implementation: { description: "Referral Nudge intake (/fhir)" },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json", "application/json"],
    rest: [
      {
        mode: "server",
        documentation:
          'Each practice has its own tokens: referral-nudge tokens create --practice NAME --label "EHR feed".',
        security: {
          description: "Send Authorization: Bearer <token>. Without a valid token the answer is 401.",
          service: [
            {
              coding: [{ system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "OAuth" }],
              text: "Bearer token",
            },
          ],
        },
        resource: [
          {
            type: "ServiceRequest",
            interaction: writes,
            updateCreate: true,
            documentation:
              "A referral. Its id (else its placer identifier) is the referral's id: send it again to update it. " +
              "requester names the referring provider (NPI system http://hl7.org/fhir/sid/us-npi).",
          },
          {
            type: "Task",
            interaction: writes,
            updateCreate: true,
            documentation:
              "A referral's progress: basedOn the ServiceRequest. accepted or in-progress with an Appointment among its " +
              "outputs: scheduled; completed: seen; rejected or cancelled: cancelled; a consult note (DocumentReference " +
              "or Communication) among its outputs: the report reached the referrer.",
          },
        ],
        interaction: [{ code: "batch" }, { code: "transaction" }],
      },
    ],
  };
}
