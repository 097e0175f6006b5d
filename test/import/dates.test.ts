import { describe, expect, it } from "vitest";
import { chooseDateOrder, collectDateOrderEvidence, emptyEvidence, parseDateValue } from "../../src/import/dates.ts";

const NY = "America/New_York";
const iso = (raw: string, order: "mdy" | "dmy" = "mdy", zone = NY) => {
  const parsed = parseDateValue(raw, zone, order);
  return parsed.ok ? parsed.date.toISOString() : null;
};

describe("reading dates", () => {
  it.each([
    ["2026-03-14", "2026-03-14T04:00:00.000Z"],
    ["03/14/2026", "2026-03-14T04:00:00.000Z"],
    ["3/14/26", "2026-03-14T04:00:00.000Z"],
    ["3-14-2026", "2026-03-14T04:00:00.000Z"],
    ["2026/03/14", "2026-03-14T04:00:00.000Z"],
    ["Mar 14, 2026", "2026-03-14T04:00:00.000Z"],
    ["March 14 2026", "2026-03-14T04:00:00.000Z"],
    ["14-Mar-2026", "2026-03-14T04:00:00.000Z"],
    ["2026-03-14T10:00:00Z", "2026-03-14T10:00:00.000Z"],
    ["2026-03-14T10:00:00+01:00", "2026-03-14T09:00:00.000Z"],
    ["2026-03-14 10:30", "2026-03-14T14:30:00.000Z"],
    ["03/14/2026 2:05 PM", "2026-03-14T18:05:00.000Z"],
  ])("reads %j in the practice's zone as %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it("takes a date without a time as the start of that day in the practice's zone", () => {
    expect(iso("2026-07-01", "mdy", "America/Los_Angeles")).toBe("2026-07-01T07:00:00.000Z");
    expect(iso("2026-07-01", "mdy", "Europe/Berlin")).toBe("2026-06-30T22:00:00.000Z");
  });

  it("reads 14.03.2026 and 04/03/2026 day first when the file is day first", () => {
    expect(iso("14.03.2026", "dmy")).toBe("2026-03-14T04:00:00.000Z");
    expect(iso("04/03/2026", "dmy")).toBe("2026-03-04T05:00:00.000Z");
    expect(iso("04/03/2026", "mdy")).toBe("2026-04-03T04:00:00.000Z");
  });

  it("marks a date that reads both ways as ambiguous", () => {
    expect(parseDateValue("04/03/2026", NY, "mdy").ambiguous).toBe(true);
    expect(parseDateValue("04/14/2026", NY, "mdy").ambiguous).toBe(false);
    expect(parseDateValue("04/04/2026", NY, "mdy").ambiguous).toBe(false);
  });

  it.each([
    "13/45/2026",
    "02/30/2026",
    "2026-13-01",
    "yesterday",
    "14/03/2026",
    "1.2.3",
    "Smarch 3, 2026",
    "03/14/1850",
  ])("refuses %j as a US date", (raw) => {
    expect(parseDateValue(raw, NY, "mdy").ok).toBe(false);
  });
});

describe("choosing day/month order from the file", () => {
  const choose = (text: string) => chooseDateOrder(collectDateOrderEvidence(text, emptyEvidence()));

  it("reads day first when a value's first part is over 12", () => {
    expect(choose("R1,03/04/2026\nR2,14/03/2026\n")).toMatchObject({ order: "dmy", assumed: false });
  });

  it("reads month first when a value's second part is over 12, and says nothing about it", () => {
    expect(choose("R1,03/04/2026\nR2,03/14/2026\n")).toEqual({ order: "mdy", why: null, assumed: false });
  });

  it("assumes the US order for slashes and says so when nothing proves either", () => {
    const choice = choose("R1,03/04/2026\nR2,05/06/2026\n");
    expect(choice).toMatchObject({ order: "mdy", assumed: true });
    expect(choice.why).toContain("month/day");
    expect(choice.why).toContain("--date-order dmy");
  });

  it("assumes day first for dotted dates, the European way of writing them", () => {
    expect(choose("R1;03.04.2026\n")).toMatchObject({ order: "dmy", assumed: true });
  });

  it("goes with the more common order when a file mixes both", () => {
    const choice = choose("14/03/2026\n15/03/2026\n03/16/2026\n");
    expect(choice.order).toBe("dmy");
    expect(choice.why).toContain("mixes");
  });
});
