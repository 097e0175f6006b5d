// Who may rewire the practice, through the core over a real SQLite database: the rule itself, the
// refusal's wording, archiving by name (with "which one?"), and role changes from chat and the CLI's use case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAdmin } from "../../../src/core/chat/permissions.ts";
import type { ChatContext } from "../../../src/core/chat-api.ts";
import { isCommandParseError, parseCommand } from "../../../src/core/commands/parse-command.ts";
import { setMemberRole } from "../../../src/core/members/set-member-role.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

let app: TestApp;
let practice: Practice;
let seq = 0;
const ctx = (over: Partial<ChatContext> = {}): ChatContext => ({
  platform: "slack",
  workspaceId: "T-HOME",
  operatorWorkspace: true,
  userId: "U-NORA",
  userName: "Nora",
  requestKey: `req-${++seq}`,
  ...over,
});
const admin = (over: Partial<ChatContext> = {}) =>
  ctx({ userId: "U-SAM", userName: "Sam", platformAdmin: true, ...over });

async function audit(action: string): Promise<number> {
  return app.db.prisma.auditEvent.count({ where: { practiceId: practice.id, action } });
}

async function statusOf(lastName: string, clinic: string): Promise<string | undefined> {
  const all = await app.repos.referrers.listForPractice(practice.id, { includeArchived: true });
  return all.find((r) => r.lastName === lastName && r.clinic === clinic)?.status;
}

beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-12-04T14:00:00Z") });
  practice = await app.repos.practices.getOrCreateDefault();
  const seed: Actor = { practiceId: practice.id, memberId: null, name: "seed", channel: "cli", role: null };
  for (const [first, clinic] of [
    ["Jennifer", "Eastside Family Medicine"],
    ["Daniel", "Harbor Urgent Care"],
  ] as const) {
    await app.repos.referrers.create(
      practice.id,
      { displayName: `Dr. ${first} Lee`, firstName: first, lastName: "Lee", clinic },
      seed,
    );
  }
  await app.repos.referrers.create(
    practice.id,
    { displayName: "Dr. Raj Patel", lastName: "Patel", clinic: "North" },
    seed,
  );
});
afterAll(async () => app?.close());

describe("isAdmin", () => {
  const base: Actor = { practiceId: "p", memberId: "m", name: "x", channel: "slack", role: "coordinator" };
  it("counts managers, platform admins and the CLI, and nobody else", () => {
    expect(isAdmin({ ...base, role: "manager" })).toBe(true);
    expect(isAdmin({ ...base, platformAdmin: true })).toBe(true);
    expect(isAdmin({ ...base, channel: "cli", role: null })).toBe(true);
    for (const role of ["physician", "liaison", "coordinator"] as const) {
      expect(isAdmin({ ...base, role }), role).toBe(false);
      expect(isAdmin({ ...base, role, channel: "teams", platformAdmin: false }), role).toBe(false);
    }
  });
});

describe("archiving from chat", () => {
  it("reads archive and restore after /referrer, and asks for a name when there is none", () => {
    expect(parseCommand("referrer", "archive Dr. Patel")).toEqual({
      type: "referrer_archive",
      name: "Dr. Patel",
      archive: true,
    });
    expect(parseCommand("referrer", "Restore Dr. Patel")).toMatchObject({ type: "referrer_archive", archive: false });
    const missing = parseCommand("referrer", "archive");
    expect(isCommandParseError(missing) && missing.error).toBe("Which referrer should I archive? Add their name.");
    // A profile is still a profile.
    expect(parseCommand("referrer", "Dr. Patel")).toEqual({ type: "referrer", name: "Dr. Patel" });
  });

  it("refuses a non-admin before looking the name up, and audits the attempt", async () => {
    const denied = await audit("denied.archive");
    const { reply } = await app.core.runCommand(ctx(), "referrer", "archive Dr. Patel");
    expect(reply.headline).toBe("Sorry, only practice admins can archive or restore referrers; nothing was changed.");
    expect(reply.sections.flatMap((s) => s.buttons ?? [])).toEqual([]);
    expect(await audit("denied.archive")).toBe(denied + 1);
    expect(await statusOf("Patel", "North")).toBe("active");
  });

  it("asks which Dr. Lee, and refuses a non-admin who clicks the answer", async () => {
    const { reply } = await app.core.runCommand(admin(), "referrer", "archive Dr. Lee");
    expect(reply.headline).toBe("Which Dr. Lee?");
    const buttons = reply.sections.flatMap((s) => s.buttons ?? []);
    expect(buttons.map((b) => b.label).sort()).toEqual(["Dr. Daniel Lee", "Dr. Jennifer Lee"]);
    const daniel = buttons.find((b) => b.label === "Dr. Daniel Lee")!;

    const refused = await app.core.runAction(ctx(), daniel.actionId, daniel.value);
    expect(refused.update?.headline ?? refused.notice?.headline).toContain("only practice admins");
    expect(await statusOf("Lee", "Harbor Urgent Care")).toBe("active");

    const done = await app.core.runAction(admin(), daniel.actionId, daniel.value);
    expect(done.update?.headline).toBe("✓ Dr. Daniel Lee archived");
    expect(await statusOf("Lee", "Harbor Urgent Care")).toBe("archived");
    expect(await statusOf("Lee", "Eastside Family Medicine")).toBe("active");
  });

  it("says so when nobody has the name, and changes nothing", async () => {
    const { reply } = await app.core.runCommand(admin(), "referrer", "archive Dr. Nobody Here");
    expect(reply.tone).toBe("error");
    expect(reply.headline).toBe("No referrer called Dr. Nobody Here; nothing was changed.");
  });
});

describe("roles", () => {
  it("explains to an admin that the person must have used the bot, when a mention names nobody it knows", async () => {
    const { reply } = await app.core.runCommand(
      admin({ platform: "teams", workspaceId: "tenant-x", operatorWorkspace: false }),
      "referrals",
      "role <at>Ana</at> manager",
    );
    expect(reply.headline).toBe('I don\'t know "Ana" yet: mention the person (they need to have used the bot once).');
  });

  it("writes and audits a role change once: setting the same role again changes nothing", async () => {
    const cli: Actor = { practiceId: practice.id, memberId: null, name: "cli:test", channel: "cli", role: null };
    const ana = await app.repos.members.upsert({
      practiceId: practice.id,
      platform: "slack",
      externalUserId: "U-ANA-ROLE",
      displayName: "Ana",
      workspaceExternalId: "T-HOME",
    });
    const before = await audit("member.role");
    const first = await setMemberRole(app.repos, cli, ana, "manager");
    const again = await setMemberRole(app.repos, cli, first.member, "manager");
    expect([first.changed, first.before, first.member.role]).toEqual([true, "coordinator", "manager"]);
    expect(again.changed).toBe(false);
    expect(await audit("member.role")).toBe(before + 1);
  });

  it("names the practice's managers in a refusal", async () => {
    const { reply } = await app.core.runCommand(
      ctx({ userId: "U-OTHER", userName: "Other" }),
      "referrals",
      "digest now",
    );
    expect(reply.headline).toBe("Sorry, only practice admins can post the digest now; nothing was changed.");
    expect(reply.sections.at(-1)?.context).toBe("Ask Ana (manager) or a Slack workspace owner or admin.");
  });
});
