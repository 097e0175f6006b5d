// ER7 values as text: escape sequences decoded with the message's own delimiters, HL7 times read into
// the intake's wire dates, text written back safely into an ACK.
import { Hl7Context } from "@medplum/core";
import { describe, expect, it } from "vitest";
import { decodeEr7, encodeEr7, hl7TimeToWire } from "../../../src/adapters/hl7/er7-text.ts";

const standard = new Hl7Context();

describe("decodeEr7", () => {
  it("decodes the five delimiter escapes, line breaks and hex, and drops highlighting", () => {
    expect(decodeEr7("pain \\T\\ swelling \\F\\ r/o \\S\\ \\R\\ \\E\\", standard)).toBe("pain & swelling | r/o ^ ~ \\");
    expect(decodeEr7("line one\\.br\\line two", standard)).toBe("line one\nline two");
    expect(decodeEr7("\\X41\\\\H\\bold\\N\\", standard)).toBe("Abold");
  });

  it("uses the message's own delimiters", () => {
    const other = new Hl7Context("\r", "#", "$", "*", "!", "@");
    expect(decodeEr7("a!F!b!S!c", other)).toBe("a#b$c");
  });

  it("round-trips what encodeEr7 writes", () => {
    const text = "A|B^C&D~E\\F";
    expect(decodeEr7(encodeEr7(text), standard)).toBe(text);
  });
});

describe("hl7TimeToWire", () => {
  it("keeps a date alone as a local date and reads a time with or without its offset", () => {
    expect(hl7TimeToWire("20261203", "America/New_York")).toBe("2026-12-03");
    expect(hl7TimeToWire("202612150930", "America/New_York")).toBe("2026-12-15T09:30:00-05:00");
    expect(hl7TimeToWire("20261215093000-0500", "Europe/Berlin")).toBe("2026-12-15T09:30:00-05:00");
    expect(hl7TimeToWire("20261215093015.25+0100", "America/New_York")).toBe("2026-12-15T09:30:15.250+01:00");
  });

  it("refuses what is not a time", () => {
    for (const bad of ["2026", "202613", "20261345", "2026-12-03", "20260308023000", "tomorrow"]) {
      expect([bad, hl7TimeToWire(bad, "America/New_York")]).toEqual([bad, null]);
    }
  });
});
