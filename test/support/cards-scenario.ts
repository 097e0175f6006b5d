// A practice on its card day (Friday 11 December 2026) with two referrers owed a thank-you card: what
// the card-day tests on both platforms start from. The referrals carry a reason and a patient reference
// that must never reach a card, a message or the PDF.
import { extractText } from "unpdf";
import type { Actor, Platform } from "../../src/core/model.ts";
import type { ChatDelivery } from "../../src/core/ports.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { sendDigest } from "../../src/scheduler/send-digest.ts";
import type { TestApp } from "./test-app.ts";

export const CARD_DAY = new Date("2026-12-11T12:30:00Z"); // Friday 07:30 in New York
export const PATIENT_DETAILS = ["meniscus", "MRN", "4821"];

export async function seedCardPractice(
  app: TestApp,
  practiceId: string,
  physician: { platform: Platform; externalUserId: string; displayName: string; workspaceExternalId: string },
) {
  const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  const lee = await app.repos.referrers.create(
    practiceId,
    {
      displayName: "Dr. Jennifer Lee",
      firstName: "Jennifer",
      lastName: "Lee",
      clinic: "Riverside Family Health",
      specialty: "Family Medicine",
      addressLine1: "12 Harbor Road",
      addressLine2: "Suite 300",
      city: "Springfield",
      state: "IL",
      postalCode: "62701",
    },
    setup,
  );
  const patel = await app.repos.referrers.create(
    practiceId,
    {
      displayName: "Dr. Raj Patel",
      firstName: "Raj",
      lastName: "Patel",
      clinic: "Northside Internal Medicine",
      addressLine1: "400 Elm Street",
      city: "Riverton",
      state: "IL",
      postalCode: "62561",
    },
    setup,
  );
  const add = async (referrerId: string, sourceId: string, daysAgo: number, specialty: string) =>
    app.repos.referrals.add(setup, {
      referrerId,
      sourceId,
      receivedAt: new Date(CARD_DAY.getTime() - daysAgo * 86_400_000),
      reason: "Torn meniscus, MRN 4821",
      specialty,
    });
  await add(lee.id, "L1", 9, "Sports Medicine");
  await add(lee.id, "L2", 4, "Sports Medicine");
  await add(lee.id, "L3", 2, "Spine");
  await add(patel.id, "P1", 20, "Joint Replacement");
  await add(patel.id, "P2", 3, "Joint Replacement");
  const doctor = await app.repos.members.upsert({ practiceId, ...physician });
  await app.repos.members.setRole(doctor.id, "physician");
  return { lee, patel, doctor };
}

/** The card-day run, as the scheduler would start it at 07:30 on Friday. */
export async function runCardDay(app: TestApp, deliveries: ChatDelivery[], practiceId: string) {
  const practice = await app.repos.practices.findById(practiceId);
  if (!practice) throw new Error("no practice");
  return sendDigest(
    {
      repos: app.repos,
      store: app.digestRuns,
      data: app.digestData,
      cards: app.cardData,
      deliveries,
      logger: silentLogger(),
      retry: { delaysMs: [], sleep: async () => {} },
    },
    practice,
    "2026-12-11",
    { now: CARD_DAY, instanceId: "test" },
  );
}

/** Every page's text, as a person copying from the PDF would get it. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(bytes, { mergePages: true });
  return text;
}
