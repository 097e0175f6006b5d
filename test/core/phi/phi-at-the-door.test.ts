// Patient details are cleaned at every door: typed in chat, written in the rejects file, already stored
// (scrub), and a practice can show reasons as a category only or not at all.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatContext } from "../../../src/core/chat-api.ts";
import { buildDailyDigest } from "../../../src/core/digest/build-daily-digest.ts";
import { renderDigest } from "../../../src/core/digest/render-digest.ts";
import { reasonCategory } from "../../../src/core/phi/reason-category.ts";
import { scrubStoredText } from "../../../src/db/scrub-stored-text.ts";
import { importReferralsCsv } from "../../../src/import/import-referrals.ts";
import { writeRejectsFile } from "../../../src/import/rejects-file.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

const NOW = new Date("2026-04-01T15:00:00Z");
let app: TestApp;
let seq = 0;
const ctx = (over: Partial<ChatContext> = {}): ChatContext => ({
  platform: "slack",
  workspaceId: "T-HOME",
  userId: "U-ANA",
  userName: "Ana",
  requestKey: `req-${++seq}`,
  platformAdmin: true,
  operatorWorkspace: true,
  ...over,
});

beforeAll(async () => {
  app = await createTestApp({ now: NOW });
  const practice = await app.repos.practices.getOrCreateDefault();
  const actor = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli" as const, role: null };
  await app.repos.referrers.create(
    practice.id,
    { displayName: "Dr. Raj Patel", firstName: "Raj", lastName: "Patel", clinic: "Northside" },
    actor,
  );
});
afterAll(async () => app?.close());

describe("patient details at the door", () => {
  it("cleans a referral reason typed in chat before storing it or echoing it, keeping its case", async () => {
    const { reply } = await app.core.runCommand(ctx(), "referral", "Dr. Patel: ACL tear, pt John Smith DOB 01/02/1950");
    const stored = await app.db.prisma.referral.findFirstOrThrow({ where: { sourceId: { startsWith: "chat:" } } });
    expect(stored.reason).toBe("ACL tear, [removed]");
    expect(JSON.stringify(reply)).not.toMatch(/Smith|1950/);
  });

  it("cleans a touch note and feedback typed in chat", async () => {
    await app.core.runCommand(ctx(), "called", "Dr. Patel: about Mrs. Garcia, call back 555-201-3344");
    const logged = await app.core.runCommand(ctx(), "feedback", "Dr. Patel negative: MRN 00123456 waited 3 weeks");
    const touch = await app.db.prisma.touch.findFirstOrThrow({ where: { kind: "call" } });
    const feedback = await app.db.prisma.feedback.findFirstOrThrow({});
    expect(touch.note).not.toMatch(/Garcia|3344/);
    expect(feedback.text).toBe("[removed] waited 3 weeks");
    expect(JSON.stringify(logged.reply)).not.toContain("00123456");
  });

  it("writes a rejects file without the MRN or patient columns and with the reason cleaned", async () => {
    const practice = await app.repos.practices.create({ name: "Rejects", timeZone: "America/New_York" });
    const csv =
      "Referral ID,Referral Date,Referring Provider,Patient Name,MRN,DOB,Reason\n" +
      "R-1,13/45/2026,Dr. Lee,Jane Doe,00123456,01/02/1950,jane doe 01/02/1950 r knee\n";
    const summary = await importReferralsCsv(app.importStore, practice, Readable.from([csv]), { now: NOW });
    const path = join(mkdtempSync(join(tmpdir(), "rejects-")), "rejects.csv");
    await writeRejectsFile(path, summary);
    const written = readFileSync(path, "utf8");
    expect(written).toContain("[removed] r knee");
    expect(written).not.toMatch(/MRN|00123456|Jane|Doe|01\/02\/1950|Patient|DOB/i);
  });

  it("a status cell that holds a patient detail is not quoted in the rejection", async () => {
    const practice = await app.repos.practices.create({ name: "Shifted", timeZone: "America/New_York" });
    const csv = "Referral ID,Referral Date,Referring Provider,Status\nR-1,03/02/2026,Dr. Lee,DOB 01/02/1950\n";
    const summary = await importReferralsCsv(app.importStore, practice, Readable.from([csv]), { now: NOW });
    expect(summary.rejected[0]?.reason).toBe(
      "Status (value not shown: it may identify a patient) is not a status I know (use New, Scheduled, Seen, Completed, Cancelled or No Show)",
    );
  });

  it("scrubs text stored before cleaning, counts what it changed, and changes nothing the second time", async () => {
    const practice = await app.repos.practices.getOrCreateDefault();
    const referrer = await app.db.prisma.referrer.findFirstOrThrow({ where: { practiceId: practice.id } });
    // Written past the repositories, as an older version stored it.
    await app.db.prisma.referral.create({
      data: {
        practiceId: practice.id,
        referrerId: referrer.id,
        sourceId: "old-1",
        receivedAt: NOW,
        reason: "Baker's cyst, Jane Doe 555-201-3344",
      },
    });
    const first = await scrubStoredText(app.db.prisma);
    expect(first.referrals.cleaned).toBe(1);
    const row = await app.db.prisma.referral.findFirstOrThrow({ where: { sourceId: "old-1" } });
    expect(row.reason).toBe("Baker's cyst, Jane Doe [removed]");
    const second = await scrubStoredText(app.db.prisma);
    expect(second.referrals.cleaned + second.touches.cleaned + second.feedback.cleaned).toBe(0);
  });

  it("shows reasons as the practice chose: cleaned text, a category, or none", async () => {
    const practice = await app.repos.practices.create({ name: "Display", timeZone: "America/New_York" });
    const csv = "Referral ID,Referral Date,Referring Provider,Reason\nR-1,03/31/2026,Dr. Lee,ACL tear right knee\n";
    await importReferralsCsv(app.importStore, practice, Readable.from([csv]), { now: NOW });
    const digestText = async () => {
      const p = (await app.repos.practices.findById(practice.id))!;
      const digest = await buildDailyDigest(app.digestData, p, "2026-04-01", {
        now: NOW,
        since: new Date("2026-03-01"),
      });
      return renderDigest(digest).sections[0]!.text!;
    };
    expect(await digestText()).toContain("(ACL tear right knee)");
    await app.repos.practices.updateSettings(practice.id, { reasonDisplay: "category" });
    expect(await digestText()).toContain("Dr. Lee: 1 (knee)");
    await app.repos.practices.updateSettings(practice.id, { reasonDisplay: "none" });
    expect(await digestText()).toMatch(/Dr\. Lee: 1$/);
  });

  it("sets the reason display from chat with /referrals settings reasons category", async () => {
    const { reply } = await app.core.runCommand(ctx(), "referrals", "settings reasons category");
    expect(reply.headline).toBe("✓ Settings saved");
    const practice = await app.repos.practices.getOrCreateDefault();
    expect(practice.reasonDisplay).toBe("category");
    const refused = await app.core.runCommand(ctx(), "referrals", "settings reasons everything");
    expect(refused.reply.tone).toBe("error");
  });

  it("puts reasons into a small set of categories", () => {
    expect(reasonCategory("L4-L5 stenosis")).toBe("spine");
    expect(reasonCategory("Rotator cuff tear")).toBe("shoulder");
    expect(reasonCategory("Chest pain, abnormal stress test")).toBe("cardiac");
    expect(reasonCategory("Achilles tendon rupture")).toBe("foot/ankle");
    expect(reasonCategory("something unusual")).toBe("other");
  });
});
