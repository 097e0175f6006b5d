// Resolving a complaint: the pure decision, then the use case and its chat paths on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/core/chat-api.ts";
import { decideResolution, resolveComplaint } from "../../../src/core/complaints/resolve-complaint.ts";
import type { Actor, Feedback } from "../../../src/core/model.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

const complaint = (over: Partial<Feedback> = {}): Feedback => ({
  id: "fb-1",
  practiceId: "p-1",
  referrerId: "r-1",
  sentiment: "negative",
  text: "Reports arrive late",
  heardBy: "Ana",
  needsFollowUp: true,
  status: "open",
  createdAt: new Date("2026-11-01T10:00:00Z"),
  resolvedAt: null,
  resolvedById: null,
  resolution: null,
  ...over,
});

describe("deciding whether a complaint can be resolved", () => {
  it("resolves an open complaint with the cleaned words", () => {
    expect(decideResolution(complaint(), "  Called them; fixed. Reach me at 555-201-3344  ")).toEqual({
      kind: "resolve",
      resolution: expect.not.stringContaining("555-201-3344"),
    });
  });

  it("refuses an empty or too long resolution", () => {
    expect(decideResolution(complaint(), "   ")).toEqual({ kind: "invalid", problem: "Say how it was resolved" });
    expect(decideResolution(complaint(), "x".repeat(2001))).toMatchObject({ kind: "invalid" });
  });

  it("changes nothing for a complaint resolved already, or one that is not there", () => {
    const done = complaint({ status: "resolved", resolution: "sorted" });
    expect(decideResolution(done, "again")).toEqual({ kind: "already_resolved", complaint: done });
    expect(decideResolution(null, "anything")).toEqual({ kind: "not_found" });
  });
});

describe("resolving complaints on a real database", () => {
  let app: TestApp;
  let actor: Actor;
  let referrerId: string;
  let seq = 0;
  const ctx = (): ChatContext => ({
    platform: "slack",
    workspaceId: "T-HOME",
    operatorWorkspace: true,
    userId: "U-ANA",
    userName: "Ana",
    requestKey: `req-${++seq}`,
  });

  beforeAll(async () => {
    app = await createTestApp({ now: new Date("2026-11-23T14:00:00Z") });
    const practice = await app.repos.practices.getOrCreateDefault();
    actor = { practiceId: practice.id, memberId: null, name: "Ana", channel: "slack", role: null };
    referrerId = (
      await app.repos.referrers.create(practice.id, { displayName: "Dr. Raj Patel", lastName: "Patel" }, actor)
    ).id;
  });
  afterAll(async () => app?.close());

  async function logComplaint(text: string) {
    const { feedback } = await app.repos.feedback.log(actor, {
      referrerId,
      sentiment: "negative",
      text,
      needsFollowUp: true,
      idempotencyKey: `test:${text}`,
      status: "open",
      at: app.clock.now(),
    });
    return feedback;
  }

  it("resolves once: the second resolution changes nothing and writes no second audit row", async () => {
    const fb = await logComplaint("Nobody called back");
    const deps = { feedback: app.repos.feedback, clock: app.clock };
    const first = await resolveComplaint(deps, actor, fb.id, "Called back the same day");
    const second = await resolveComplaint(deps, actor, fb.id, "Something else");
    expect(first).toMatchObject({ kind: "resolved", resolution: "Called back the same day" });
    expect(second).toMatchObject({ kind: "already_resolved" });
    expect(await app.db.prisma.feedback.findUniqueOrThrow({ where: { id: fb.id } })).toMatchObject({
      status: "resolved",
      resolution: "Called back the same day",
    });
    expect(await app.db.prisma.auditEvent.count({ where: { action: "complaint.resolve", entityId: fb.id } })).toBe(1);
  });

  it("of two resolutions at the same moment, exactly one changes the complaint", async () => {
    const fb = await logComplaint("Fax lost");
    const deps = { feedback: app.repos.feedback, clock: app.clock };
    const outcomes = await Promise.all([
      resolveComplaint(deps, actor, fb.id, "Resent the fax"),
      resolveComplaint(deps, actor, fb.id, "Called the office"),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["already_resolved", "resolved"]);
    expect(await app.db.prisma.auditEvent.count({ where: { action: "complaint.resolve", entityId: fb.id } })).toBe(1);
  });

  it("never resolves another practice's complaint", async () => {
    const fb = await logComplaint("Rude on the phone");
    const other = await app.repos.practices.create({ name: "Elsewhere" });
    const outsider: Actor = { ...actor, practiceId: other.id };
    const outcome = await resolveComplaint(
      { feedback: app.repos.feedback, clock: app.clock },
      outsider,
      fb.id,
      "mine now",
    );
    expect(outcome).toEqual({ kind: "not_found" });
    expect((await app.repos.feedback.findById(actor.practiceId, fb.id))?.status).toBe("open");
  });

  it("answers the complaint nudge's Mark done with the resolve form instead of logging a call", async () => {
    const fb = await logComplaint("Results never arrived");
    const nudge = await app.db.prisma.nudge.create({
      data: {
        practiceId: actor.practiceId,
        referrerId,
        kind: "open_problem",
        reason: "Negative feedback unresolved for 9 days",
        dueAt: app.clock.now(),
        priority: 1,
        triggeredAt: fb.createdAt,
        feedbackId: fb.id,
        liveKey: `${referrerId}:open_problem:${fb.id}`,
      },
    });
    const calls = await app.db.prisma.touch.count({ where: { kind: "call" } });
    const result = await app.core.runAction(ctx(), "nudge.done", JSON.stringify({ n: nudge.id }));
    expect(result.form).toMatchObject({ kind: "resolve_complaint", metadata: JSON.stringify({ f: fb.id }) });
    expect(await app.db.prisma.touch.count({ where: { kind: "call" } })).toBe(calls);
    expect((await app.db.prisma.nudge.findUniqueOrThrow({ where: { id: nudge.id } })).status).toBe("open");

    const reply = await app.core.submitForm(ctx(), "resolve_complaint", JSON.stringify({ f: fb.id }), {
      resolution: "Sent them again by courier",
    });
    expect(reply.headline).toBe("✓ Complaint from Dr. Raj Patel resolved");
    expect(await app.db.prisma.nudge.findUniqueOrThrow({ where: { id: nudge.id } })).toMatchObject({
      status: "done",
      liveKey: null,
    });
  });

  it("refuses an empty resolution with the error on the field, as data", async () => {
    const fb = await logComplaint("Wrong address on the letter");
    const reply = await app.core.submitForm(ctx(), "resolve_complaint", JSON.stringify({ f: fb.id }), {
      resolution: "",
    });
    expect(reply.tone).toBe("error");
    expect(reply.fieldErrors).toEqual({ resolution: "Say how it was resolved" });
  });
});
