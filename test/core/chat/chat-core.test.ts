import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/core/chat-api.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

let app: TestApp;
let seq = 0;
// T-HOME is the operator's own workspace (single-token Slack), so it joins the default practice set up below.
const ctx = (over: Partial<ChatContext> = {}): ChatContext => ({
  platform: "slack",
  workspaceId: "T-HOME",
  operatorWorkspace: true,
  userId: "U-ANA",
  userName: "Ana",
  requestKey: `req-${++seq}`,
  ...over,
});

beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-11-23T14:00:00Z") });
  const practice = await app.repos.practices.getOrCreateDefault();
  const actor = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli" as const, role: null };
  for (const [first, last, clinic] of [
    ["Jennifer", "Lee", "Eastside Family Medicine"],
    ["Daniel", "Lee", "Harbor Urgent Care"],
    ["Raj", "Patel", "Northside Internal Medicine"],
  ] as const) {
    await app.repos.referrers.create(
      practice.id,
      { displayName: `Dr. ${first} ${last}`, firstName: first, lastName: last, clinic },
      actor,
    );
  }
});
afterAll(async () => app?.close());

describe("a referrer's reciprocity ledger", () => {
  it("shows in the profile what they sent us against the patients we sent back", async () => {
    await app.core.runCommand(ctx(), "referral", "Dr. Patel: back pain");
    await app.core.runCommand(ctx(), "referral", "Dr. Patel: knee pain");
    await app.core.runCommand(ctx(), "sentback", "Dr. Patel cardiology follow-up");
    const { reply } = await app.core.runCommand(ctx(), "referrer", "Dr. Patel");
    const fields = reply.sections.flatMap((s) => s.fields ?? []);
    expect(fields).toContainEqual({ label: "Sent us · we sent back", value: "2 · 1 in 12 months" });
  });
});

describe("the chat core", () => {
  it("logs /thanked with the note after the name", async () => {
    const { reply } = await app.core.runCommand(ctx(), "thanked", "Dr. Patel sent a card for the knee referral");
    expect(reply.tone).toBe("success");
    expect(reply.headline).toBe("✓ Thanked Dr. Raj Patel");
    const touch = await app.db.prisma.touch.findFirstOrThrow({ where: { kind: "thank_you" } });
    expect(touch.note).toBe("sent a card for the knee referral");
    expect(touch.actorName).toBe("Ana");
  });

  it("asks which Dr. Lee when two match, and logs once for the one picked, however often it is clicked", async () => {
    const { reply } = await app.core.runCommand(ctx(), "called", "Dr. Lee");
    expect(reply.headline).toBe("Which Dr. Lee?");
    const buttons = reply.sections.flatMap((s) => s.buttons ?? []);
    expect(buttons.map((b) => b.label).sort()).toEqual(["Dr. Daniel Lee", "Dr. Jennifer Lee"]);
    const jennifer = buttons.find((b) => b.label === "Dr. Jennifer Lee")!;
    const click = ctx({ requestKey: "msg-1:referrer.pick" });
    const first = await app.core.runAction(click, jennifer.actionId, jennifer.value);
    await app.core.runAction(click, jennifer.actionId, jennifer.value);
    expect(first.update?.headline).toBe("✓ Called Dr. Jennifer Lee");
    expect(await app.db.prisma.touch.count({ where: { kind: "call" } })).toBe(1);
  });

  it("offers to add an unknown referrer and then carries out the command", async () => {
    const { reply } = await app.core.runCommand(ctx(), "thanked", "Dr. Okafor");
    expect(reply.headline).toBe("I don't know Dr. Okafor yet");
    const add = reply.sections.flatMap((s) => s.buttons ?? []).find((b) => b.actionId === "referrer.add")!;
    const { form } = await app.core.runAction(ctx(), add.actionId, add.value);
    expect(form?.kind).toBe("add_referrer");
    expect(form?.initial.name).toBe("Dr. Okafor");
    const done = await app.core.submitForm(ctx(), "add_referrer", form!.metadata, {
      name: "Dr. Chidi Okafor",
      clinic: "Westside",
    });
    expect(done.headline).toBe("✓ Added Dr. Chidi Okafor. ✓ Thanked Dr. Chidi Okafor");
  });

  it("refuses to add a referrer the practice has already, by the same rule as the CLI and the import", async () => {
    const reply = await app.core.submitForm(ctx(), "add_referrer", "", { name: "OKAFOR, CHIDI", clinic: "westside" });
    expect(reply.tone).toBe("error");
    expect(reply.headline).toContain("Dr. Chidi Okafor at Westside is already one of your referrers");
    expect(await app.db.prisma.referrer.count({ where: { lastName: { in: ["Okafor", "OKAFOR"] } } })).toBe(1);
  });

  it("refuses a forged button value that names another practice's nudge", async () => {
    const other = await app.repos.workspaces.getOrLink("slack", "T-OTHER", { name: "Other" });
    const ref = await app.db.prisma.referrer.create({
      data: { practiceId: other.practiceId, displayName: "Dr. X", lastName: "X" },
    });
    const nudge = await app.db.prisma.nudge.create({
      data: {
        practiceId: other.practiceId,
        referrerId: ref.id,
        kind: "thank",
        reason: "2 referrals",
        dueAt: new Date(),
        priority: 1,
        triggeredAt: new Date(),
        liveKey: `${ref.id}:thank`,
      },
    });
    const result = await app.core.runAction(ctx(), "nudge.done", JSON.stringify({ n: nudge.id }));
    expect(result.notice?.tone).toBe("error");
    expect(await app.db.prisma.nudge.findUniqueOrThrow({ where: { id: nudge.id } })).toMatchObject({ status: "open" });
    expect(await app.db.prisma.touch.count({ where: { referrerId: ref.id } })).toBe(0);
  });

  it("answers garbage with a usage hint, never an exception", async () => {
    for (const [command, text] of [
      ["nonsense", "x"],
      ["thanked", ""],
      ["referrals", "settings time 25:99"],
      ["feedback", "<script>alert(1)</script>"],
      ["called", "Dr. Lee'; DROP TABLE referrers;--"],
    ] as const) {
      const { reply } = await app.core.runCommand(ctx(), command, text);
      expect(reply.headline.length).toBeGreaterThan(0);
    }
    expect(await app.db.prisma.referrer.count()).toBeGreaterThan(0);
  });
});

describe("returning the favour", () => {
  it("suggests referrers of the specialty a patient needs, busiest first", async () => {
    const practice = await app.repos.practices.getOrCreateDefault();
    const actor = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli" as const, role: null };
    const pcp = await app.repos.referrers.create(
      practice.id,
      { displayName: "Dr. Nia Okoro", lastName: "Okoro", specialty: "Family Medicine" },
      actor,
    );
    await app.repos.referrals.add(actor, { referrerId: pcp.id, sourceId: "fav-1", receivedAt: new Date("2026-10-01") });
    const { reply } = await app.core.runCommand(ctx(), "referrals", "needs primary care");
    expect(reply.headline).toBe("Send the patient back to one of these (primary care)");
    expect(reply.sections[0]?.text).toContain("Dr. Nia Okoro");
  });
});

describe("practice settings from chat", () => {
  it("offers Slack a settings form prefilled with the current values, and saves what changed", async () => {
    const { reply } = await app.core.runCommand(ctx({ platformAdmin: true }), "referrals", "settings");
    expect(reply.form?.kind).toBe("settings");
    expect(reply.form?.initial.time).toBe("07:30");
    const saved = await app.core.submitForm(ctx({ platformAdmin: true }), "settings", "{}", {
      ...reply.form!.initial,
      time: "07:15",
      days: "mon,tue,wed,thu",
    });
    expect(saved.headline).toBe("✓ Settings saved");
    const practice = await app.repos.practices.getOrCreateDefault();
    expect(practice.digestTime).toBe("07:15");
    expect(practice.digestWeekdays).toEqual([1, 2, 3, 4]);
  });

  it("names the field that is wrong and changes nothing", async () => {
    const before = await app.repos.practices.getOrCreateDefault();
    const reply = await app.core.submitForm(ctx({ platformAdmin: true }), "settings", "{}", {
      timezone: "Mars/Olympus",
      time: "06:00",
    });
    expect(reply.tone).toBe("error");
    expect(reply.fieldErrors).toEqual({ timezone: '"Mars/Olympus" is not a time zone; use one like America/New_York' });
    expect((await app.repos.practices.getOrCreateDefault()).digestTime).toBe(before.digestTime);
  });

  it("offers Teams the same form, and still takes a setting typed in one line", async () => {
    const teams = ctx({ platform: "teams", workspaceId: "tenant-x", platformAdmin: true });
    const { reply } = await app.core.runCommand(teams, "settings", "");
    expect(reply.form?.kind).toBe("settings");
    const typed = await app.core.runCommand(teams, "settings", "top 4");
    expect(typed.reply.headline).toBe("✓ Settings saved");
    const practice = await app.repos.practices.findById(
      (await app.repos.workspaces.find("teams", "tenant-x"))!.practiceId,
    );
    expect(practice?.settings.digestTopN).toBe(4);
  });
});
