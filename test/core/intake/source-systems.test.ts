import { describe, expect, it } from "vitest";
import { sourcePhrase, sourceSystemLabel } from "../../../src/core/intake/source-systems.ts";

describe("source system names in the digest", () => {
  it("gives known systems their own names, by slug or by its first part, and others as they are", () => {
    expect(sourceSystemLabel("epic")).toBe("Epic");
    expect(sourceSystemLabel("athena-east")).toBe("athenahealth");
    expect(sourceSystemLabel("lab-feed")).toBe("lab-feed");
  });

  it("says a CSV import is how referrals came and a system where they came from", () => {
    expect(sourcePhrase("csv")).toBe("by CSV import");
    expect(sourcePhrase("epic")).toBe("from Epic");
  });
});
