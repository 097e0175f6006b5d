// The add-referrer use case over a real database: what the chat form and `referral-nudge referrers add` run.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { addReferrer } from "../../../src/core/referrers/add-referrer.ts";
import { importReferralsCsv } from "../../../src/import/import-referrals.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

let app: TestApp;
let practice: Practice;
let actor: Actor;
const invalidated: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  practice = await app.repos.practices.create({ name: "Add Referrer Practice" });
  actor = { practiceId: practice.id, memberId: null, name: "cli:test", channel: "cli", role: null };
});
afterAll(() => app.close());

const add = (values: Record<string, unknown>) =>
  addReferrer({ referrers: app.repos.referrers, referrersChanged: (id) => invalidated.push(id) }, actor, values);

describe("adding a referrer", () => {
  it("creates it with its stats row and an audit row, and says the practice's referrers changed", async () => {
    const result = await add({ name: "Dr. Jennifer Lee, MD", clinic: "Riverside Family Health", npi: "1234567893" });
    expect(result.kind).toBe("added");
    if (result.kind !== "added") return;
    expect(result.referrer).toMatchObject({ displayName: "Dr. Jennifer Lee", credentials: "MD", npi: "1234567893" });
    const id = result.referrer.id;
    expect(await app.db.prisma.referrerStats.count({ where: { referrerId: id } })).toBe(1);
    const audit = await app.db.prisma.auditEvent.findMany({ where: { entityId: id } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([["referrer.create", "cli:test"]]);
    expect(invalidated).toContain(practice.id);
  });

  it("refuses a second referrer with the same NPI and names the one who has it", async () => {
    const result = await add({ name: "Dr. J. Lee-Park", npi: "1234567893" });
    expect(result).toMatchObject({
      kind: "exists",
      reason: "npi",
      explanation: "Dr. Jennifer Lee already has NPI 1234567893",
    });
  });

  it("refuses the same name at the same clinic, however it is typed", async () => {
    const result = await add({ name: "LEE, JENNIFER", clinic: "riverside family health, p.c." });
    expect(result).toMatchObject({
      kind: "exists",
      reason: "name_and_clinic",
      explanation: "Dr. Jennifer Lee at Riverside Family Health is already one of your referrers",
    });
  });

  it("refuses the same name without a clinic when there is only one referrer of that name", async () => {
    expect(await add({ name: "Jennifer Lee" })).toMatchObject({ kind: "exists", reason: "name" });
  });

  it("adds a namesake at another clinic, or with another NPI, as a different person", async () => {
    expect((await add({ name: "Dr. Jennifer Lee", clinic: "Northside Pediatrics" })).kind).toBe("added");
    expect((await add({ name: "Dr. Jennifer Lee", clinic: "Riverside Family Health", npi: "1245319599" })).kind).toBe(
      "added",
    );
  });

  it("counts archived referrers, and says the one found is archived", async () => {
    const created = await add({ name: "Dr. Old Timer", clinic: "Gone Clinic" });
    if (created.kind !== "added") throw new Error("not added");
    await app.db.prisma.referrer.update({ where: { id: created.referrer.id }, data: { status: "archived" } });
    expect(await add({ name: "Old Timer", clinic: "Gone Clinic" })).toMatchObject({
      kind: "exists",
      explanation: "Dr. Old Timer at Gone Clinic (archived) is already one of your referrers",
    });
  });

  it("refuses invalid input with what to type instead, and names the field", async () => {
    expect(await add({ name: "Dr. New Person", npi: "1234567890" })).toEqual({
      kind: "invalid",
      problem: "npi: An NPI is 10 digits with a valid check digit",
      field: "npi",
      message: "An NPI is 10 digits with a valid check digit",
    });
    expect(await add({ name: "" })).toMatchObject({ kind: "invalid", field: "name" });
  });

  it("is the rule the import follows: a report's row for a referrer added by hand goes to that referrer", async () => {
    const other = await app.repos.practices.create({ name: "Import Agrees Practice" });
    const here = { ...actor, practiceId: other.id };
    const typed = { referrers: app.repos.referrers };
    const lee = await addReferrer(typed, here, { name: "Dr. Jennifer Lee", clinic: "Riverside Family Health" });
    const patel = await addReferrer(typed, here, { name: "Raj Patel, MD", npi: "1245319599" });
    if (lee.kind !== "added" || patel.kind !== "added") throw new Error("not added");
    const report = [
      "Referral ID,Referral Date,Referring Provider,Referring NPI,Referring Clinic",
      'R-1,2026-03-02,"LEE, JENNIFER MD","","Riverside Family Health, P.C."',
      "R-2,2026-03-03,Dr. R. Patel,1245319599,Somewhere Else",
      "R-3,2026-03-04,Dr. Jennifer Lee,,Northside Pediatrics",
    ].join("\n");
    const summary = await importReferralsCsv(app.importStore, other, Readable.from([`${report}\n`]), {
      now: new Date("2026-03-10T12:00:00Z"),
    });
    expect(summary).toMatchObject({ imported: 3, referrersCreated: 1 });
    const byId = await app.db.prisma.referral.findMany({
      where: { practiceId: other.id },
      orderBy: { sourceId: "asc" },
    });
    expect(byId[0]?.referrerId).toBe(lee.referrer.id);
    expect(byId[1]?.referrerId).toBe(patel.referrer.id);
    // Same name at another clinic: a namesake, as addReferrer would have added.
    expect(byId[2]?.referrerId).not.toBe(lee.referrer.id);
  });
});
