import { describe, expect, it } from "vitest";
import type { ReferrerFacts } from "../../../src/core/nudges/referrer-facts.ts";
import { neverSentBackRule } from "../../../src/core/nudges/rules/never-sent-back.ts";
import { aReferrer, aRuleContext, daysBefore, type When } from "../../support/facts-builder.ts";

// Wednesday 11 June 2025, noon in New York.
const NOW = "2025-06-11T16:00:00Z";

/** A referrer sending one patient a week for a year: a top referrer against the quiet ones below. */
const busy = (name: string, specialty: string, now: When = NOW) =>
  aReferrer(name)
    .inSpecialty(specialty)
    .withSteadyReferrals({ count: 50, everyDays: 7, lastOn: daysBefore(now, 2) });
/** Sends now and then: never top. */
const quiet = (name: string, specialty: string) =>
  aReferrer(name)
    .inSpecialty(specialty)
    .withReferralsOn([daysBefore(NOW, 100)]);

function run(target: ReferrerFacts, others: ReferrerFacts[], now: When = NOW, timeZone = "America/New_York") {
  const all = [target, ...others];
  return neverSentBackRule(target, aRuleContext({ now, timeZone, allFacts: all }));
}

/** Four quiet referrers, so the top fifth is one referrer. */
const background = () => ["A", "B", "C", "D"].map((n) => quiet(`Dr. ${n}`, "dermatology").build());

describe("never-sent-back rule", () => {
  it("asks to send a patient back to a top referrer who never had one, when the practice sends their specialty", () => {
    const okoro = busy("Dr. Okoro", "Cardiology").build();
    const other = quiet("Dr. Haddad", "cardiologist").sentPatientBackOn(daysBefore(NOW, 400)).build();
    const nudge = run(okoro, [other, ...background()]);
    expect(nudge).toMatchObject({
      referrerId: okoro.referrerId,
      kind: "return_favor",
      personal: false,
      reason:
        "Top referrer (50 in 12 months) who has never had a patient back; we do send cardiology patients to others",
    });
  });

  it("matches the specialty by group, not by spelling", () => {
    const pcp = busy("Dr. Lee", "PCP").build();
    const fm = quiet("Dr. Park", "Family Medicine").sentPatientBackOn(daysBefore(NOW, 30)).build();
    const nudge = run(pcp, [fm, ...background()]);
    expect(nudge?.kind).toBe("return_favor");
    expect(nudge?.reason).toContain("we do send primary care patients to others");
  });

  it("counts patients sent back to a referrer since archived", () => {
    const okoro = busy("Dr. Okoro", "Cardiology").build();
    const gone = quiet("Dr. Haddad", "Cardiology").sentPatientBackOn(daysBefore(NOW, 30)).archived().build();
    expect(run(okoro, [gone, ...background()])).not.toBeNull();
  });

  it("stays silent when the practice has never sent anyone back in that specialty", () => {
    const okoro = busy("Dr. Okoro", "Cardiology").build();
    const ortho = quiet("Dr. Bone", "Orthopedics").sentPatientBackOn(daysBefore(NOW, 30)).build();
    expect(run(okoro, [ortho, ...background()])).toBeNull();
  });

  it("stays silent once the referrer has had a patient back, however long ago", () => {
    const okoro = busy("Dr. Okoro", "Cardiology").sentPatientBackOn(daysBefore(NOW, 700)).build();
    expect(run(okoro, background())).toBeNull();
  });

  it("stays silent for a referrer who is not a top referrer", () => {
    const small = quiet("Dr. Small", "Cardiology").build();
    const other = busy("Dr. Haddad", "Cardiology").sentPatientBackOn(daysBefore(NOW, 30)).build();
    expect(run(small, [other, ...background()])).toBeNull();
  });

  it("stays silent for a referrer with no specialty on record", () => {
    const okoro = aReferrer("Dr. Okoro")
      .withSteadyReferrals({ count: 50, everyDays: 7, lastOn: daysBefore(NOW, 2) })
      .build();
    const other = quiet("Dr. Haddad", "Cardiology").sentPatientBackOn(daysBefore(NOW, 30)).build();
    expect(run(okoro, [other, ...background()])).toBeNull();
  });

  it("is raised once a month: the same trigger all month in the practice's zone, a new one the next", () => {
    const other = quiet("Dr. Haddad", "Cardiology").sentPatientBackOn(daysBefore(NOW, 30)).build();
    const triggerOn = (now: string) =>
      run(busy("Dr. Okoro", "Cardiology", now).build(), [other, ...background()], now)?.triggeredAt;
    const june = new Date("2025-06-01T04:00:00Z"); // midnight on 1 June in New York
    expect(triggerOn("2025-06-01T04:00:00Z")).toEqual(june);
    expect(triggerOn(NOW)).toEqual(june);
    expect(triggerOn("2025-07-01T03:59:00Z")).toEqual(june); // still 30 June, 23:59 in New York
    expect(triggerOn("2025-07-01T04:00:00Z")).toEqual(new Date("2025-07-01T04:00:00Z"));
  });

  it("does not grow more urgent as the month goes on", () => {
    const other = quiet("Dr. Haddad", "Cardiology").sentPatientBackOn(daysBefore(NOW, 30)).build();
    const priorityOn = (now: string) =>
      run(busy("Dr. Okoro", "Cardiology", now).build(), [other, ...background()], now)?.priority;
    expect(priorityOn("2025-06-02T16:00:00Z")).toBe(priorityOn("2025-06-28T16:00:00Z"));
  });
});
