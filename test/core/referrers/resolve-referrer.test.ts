import { describe, expect, it } from "vitest";
import type { Referrer } from "../../../src/core/model.ts";
import { normalizeName } from "../../../src/core/referrers/normalize-name.ts";
import { ReferrerDirectory } from "../../../src/core/referrers/referrer-directory.ts";
import type { ReferrerResolution } from "../../../src/core/referrers/resolution.ts";
import {
  anhDo,
  carlosGarcia,
  danielLee,
  directoryList,
  helenStrauss,
  jenniferLee,
  jenniferLeePark,
  klausMuller,
  manyReferrers,
  mariaDeLaCruz,
  mariaElenaGarcia,
  oldSmith,
  rajPatel,
  referrer,
  robertKowalski,
  seanOBrien,
  thuNguyen,
  williamHarrington,
} from "./referrer-fixtures.ts";

const directory = new ReferrerDirectory(directoryList);

function ids(referrers: Referrer[]): string[] {
  return referrers.map((r) => r.id);
}

function summary(result: ReferrerResolution) {
  if (result.kind === "one") return { kind: "one", id: result.referrer.id, matchedOn: result.matchedOn };
  if (result.kind === "ambiguous") return { kind: "ambiguous", ids: ids(result.candidates) };
  return { kind: "none", suggestions: ids(result.suggestions) };
}

describe("normalizeName", () => {
  it.each([
    ["Dr. Jennifer Lee-Park, M.D.", ["jennifer", "lee", "park"]],
    ["Doctor Raj Patel MD, FACP", ["raj", "patel"]],
    ["Prof. Klaus Müller PhD", ["klaus", "muller"]],
    ["Ms. Ana Pérez, FNP-C", ["ana", "perez"]],
    ["Thu Nguyen, PA-C", ["thu", "nguyen"]],
    ["Seán O'Brien", ["sean", "obrien"]],
    ["Dr.Lee", ["lee"]],
    ["  dr   LEE  ", ["lee"]],
    ["Lee, Jennifer", ["lee", "jennifer"]],
    ["Mr Samuel Johnson Jr.", ["samuel", "johnson"]],
  ])("reads %j as %j", (raw, tokens) => {
    expect(normalizeName(raw)).toEqual(tokens);
  });

  it("keeps a surname that is also a credential when it is written as a name", () => {
    expect(normalizeName("Dr. Anh Do")).toEqual(["anh", "do"]);
    expect(normalizeName("Dr. Do")).toEqual(["do"]);
  });

  it("drops a surname-like credential written as one", () => {
    expect(normalizeName("Jennifer Lee-Park DO")).toEqual(["jennifer", "lee", "park"]);
    expect(normalizeName("Anh Do, D.O.")).toEqual(["anh", "do"]);
  });

  it("spells umlauts out only when asked, so Müller can also be found as Mueller", () => {
    expect(normalizeName("Müller", { expandUmlauts: true })).toEqual(["mueller"]);
  });

  it("gives no tokens for a title alone", () => {
    expect(normalizeName("Dr.")).toEqual([]);
  });
});

describe("ReferrerDirectory.resolve finds one referrer", () => {
  it.each([
    ["Jennifer Lee", jenniferLee.id, "full_name"],
    ["Dr. Jennifer Lee", jenniferLee.id, "full_name"],
    ["Jennifer Lee MD", jenniferLee.id, "full_name"],
    ["jennifer lee, m.d.", jenniferLee.id, "full_name"],
    ["J. Lee", jenniferLee.id, "initial_last"],
    ["J Lee", jenniferLee.id, "initial_last"],
    ["Jen Lee", jenniferLee.id, "first_last"],
    ["Lee, Jennifer", jenniferLee.id, "name_tokens"],
    ["Daniel Lee", danielLee.id, "full_name"],
    ["Dr. Jennifer Lee-Park", jenniferLeePark.id, "full_name"],
    ["Lee-Park", jenniferLeePark.id, "last_name"],
    ["Dr Lee Park", jenniferLeePark.id, "last_name"],
    ["Dr. Leepark", jenniferLeePark.id, "last_name"],
    ["JLP", jenniferLeePark.id, "alias"],
    ["Jenny Lee", jenniferLeePark.id, "alias"],
    ["Dr. Jennifer Park", jenniferLeePark.id, "name_tokens"],
    ["Dr Müller", klausMuller.id, "last_name"],
    ["Dr Muller", klausMuller.id, "last_name"],
    ["Dr. Mueller", klausMuller.id, "last_name"],
    ["Klaus Mueller", klausMuller.id, "full_name"],
    ["Dr. O'Brien", seanOBrien.id, "last_name"],
    ["Dr. O’Brien", seanOBrien.id, "last_name"],
    ["obrien", seanOBrien.id, "last_name"],
    ["Dr. O Brien", seanOBrien.id, "last_name"],
    ["Sean O'Brien", seanOBrien.id, "full_name"],
    ["Dr. de la Cruz", mariaDeLaCruz.id, "last_name"],
    ["DeLaCruz", mariaDeLaCruz.id, "last_name"],
    ["Maria De La Cruz", mariaDeLaCruz.id, "full_name"],
    ["Cruz", mariaDeLaCruz.id, "name_tokens"],
    ["Dr. Nguyen", thuNguyen.id, "last_name"],
    ["Nguyen, PA-C", thuNguyen.id, "last_name"],
    ["Dr. Patel", rajPatel.id, "last_name"],
    ["Raj Patel MD FACP", rajPatel.id, "full_name"],
    ["Dr. Do", anhDo.id, "last_name"],
    ["anh do", anhDo.id, "full_name"],
    ["Bob Kowalski", robertKowalski.id, "alias"],
    ["Maria Garcia", mariaElenaGarcia.id, "first_last"],
    ["M. E. Garcia", mariaElenaGarcia.id, "initial_last"],
    ["Carlos Garcia", carlosGarcia.id, "full_name"],
    ["1234567893", jenniferLee.id, "npi"],
    ["NPI: 1987-654-321", rajPatel.id, "npi"],
  ])("%j → %s", (query, id, matchedOn) => {
    expect(summary(directory.resolve(query))).toEqual({ kind: "one", id, matchedOn });
  });

  it.each([
    ["Pattel", rajPatel.id],
    ["Dr. Nugyen", thuNguyen.id],
    ["Dr. Kowalsky", robertKowalski.id],
    ["Cowalski", robertKowalski.id],
    ["Harington", williamHarrington.id],
    ["Jenifer Lee", jenniferLee.id],
  ])("forgives the typo in %j when only %s is that close", (query, id) => {
    expect(summary(directory.resolve(query))).toEqual({ kind: "one", id, matchedOn: "fuzzy" });
  });
});

describe("ReferrerDirectory.resolve with several possible referrers", () => {
  it("asks which Dr. Lee, with both Lees before Dr. Lee-Park", () => {
    const result = directory.resolve("Dr. Lee");
    expect(summary(result)).toEqual({ kind: "ambiguous", ids: [danielLee.id, jenniferLee.id, jenniferLeePark.id] });
  });

  it("reads a lower-case query the same way", () => {
    expect(summary(directory.resolve("dr lee"))).toEqual(summary(directory.resolve("Dr. Lee")));
  });

  it("offers both Jennifers for a first name alone", () => {
    expect(summary(directory.resolve("Jennifer"))).toEqual({
      kind: "ambiguous",
      ids: [jenniferLee.id, jenniferLeePark.id],
    });
  });

  it("leaves an archived Garcia out when active Garcias match", () => {
    expect(summary(directory.resolve("Dr. Garcia"))).toEqual({
      kind: "ambiguous",
      ids: [carlosGarcia.id, mariaElenaGarcia.id],
    });
  });

  it("returns at most five candidates", () => {
    const smiths = Array.from({ length: 8 }, (_, i) =>
      referrer({ displayName: `Person${i} Smith`, firstName: `Person${i}`, lastName: "Smith" }),
    );
    const result = new ReferrerDirectory(smiths).resolve("Dr. Smith");
    expect(result.kind === "ambiguous" && result.candidates.length).toBe(5);
  });

  it("ranks a name typed in order above one typed out of order", () => {
    const list = [
      referrer({ id: "ann-marie-stone", displayName: "Ann Marie Stone", firstName: "Ann Marie", lastName: "Stone" }),
      referrer({ id: "marie-ann-stone", displayName: "Marie Ann Stone", firstName: "Marie Ann", lastName: "Stone" }),
    ];
    expect(summary(new ReferrerDirectory(list).resolve("Ann Stone"))).toEqual({
      kind: "one",
      id: "ann-marie-stone",
      matchedOn: "first_last",
    });
    const ranked = new ReferrerDirectory(list).rank("Ann Marie");
    expect(ranked.map((r) => r.referrer.id)).toEqual(["ann-marie-stone", "marie-ann-stone"]);
  });
});

describe("ReferrerDirectory.resolve with archived referrers", () => {
  it("finds an archived referrer when nothing active matches, and flags it", () => {
    const result = directory.resolve("Dr. Strauss");
    expect(result).toMatchObject({ kind: "one", archived: true });
    expect(result.kind === "one" && result.referrer.id).toBe(helenStrauss.id);
  });

  it("does not flag an active match", () => {
    expect(directory.resolve("Dr. Patel")).toMatchObject({ kind: "one", archived: false });
  });

  it("prefers an active referrer over an archived one with the same name", () => {
    const activeSmith = referrer({
      id: "active-smith",
      displayName: "Edward Smith",
      firstName: "Edward",
      lastName: "Smith",
    });
    const result = new ReferrerDirectory([oldSmith, activeSmith]).resolve("Edward Smith");
    expect(summary(result)).toEqual({ kind: "one", id: "active-smith", matchedOn: "full_name" });
  });
});

describe("ReferrerDirectory.resolve with unknown names", () => {
  it("suggests Patel for Pattel when there are two Patels", () => {
    const priyaPatel = referrer({
      id: "priya-patel",
      displayName: "Priya Patel",
      firstName: "Priya",
      lastName: "Patel",
    });
    const result = new ReferrerDirectory([...directoryList, priyaPatel]).resolve("Dr. Pattel");
    expect(result.kind).toBe("none");
    expect(result.kind === "none" && ids(result.suggestions).sort()).toEqual([priyaPatel.id, rajPatel.id].sort());
    expect(result.kind === "none" && result.normalizedQuery).toBe("pattel");
  });

  it("does not take two slips in a seven-letter last name as a match, but suggests it", () => {
    expect(summary(directory.resolve("Dr. Jahnsun"))).toEqual({ kind: "none", suggestions: ["samuel-johnson"] });
  });

  it("does not let a matching first name excuse a last name that is two letters off", () => {
    const list = [
      referrer({ id: "james-martick", displayName: "James Martick", firstName: "James", lastName: "Martick" }),
    ];
    expect(summary(new ReferrerDirectory(list).resolve("James Martini"))).toEqual({
      kind: "none",
      suggestions: ["james-martick"],
    });
  });

  it("returns nothing and no suggestions for a name like no one's", () => {
    expect(directory.resolve("Dr. Zzyzx")).toEqual({ kind: "none", suggestions: [], normalizedQuery: "zzyzx" });
  });

  it("returns nothing for a title alone or an empty query", () => {
    expect(directory.resolve("Dr.")).toEqual({ kind: "none", suggestions: [], normalizedQuery: "" });
    expect(directory.resolve("   ")).toEqual({ kind: "none", suggestions: [], normalizedQuery: "" });
  });

  it("does not read a sentence as a name", () => {
    expect(directory.resolve("Lee sent a card for the knee referral").kind).toBe("none");
  });

  it("returns nothing for an NPI nobody has", () => {
    expect(directory.resolve("1111111111")).toEqual({ kind: "none", suggestions: [], normalizedQuery: "1111111111" });
  });

  it("never offers more than three suggestions", () => {
    const result = directory.resolve("Dr. Garsia Lopez");
    expect(result.kind === "none" ? result.suggestions.length : 0).toBeLessThanOrEqual(3);
  });
});

describe("ReferrerDirectory with 10,000 referrers", () => {
  const big = manyReferrers(10_000);
  const bigDirectory = new ReferrerDirectory([...big, ...directoryList]);
  const sample = big.filter((_, i) => i % 97 === 0);
  const normalized = new Map(big.map((r) => [r.id, normalizeName(r.displayName).join(" ")]));
  const sameName = (a: Referrer, b: Referrer) => normalized.get(a.id) === normalized.get(b.id);

  it("finds each sampled referrer by full name, or lists them among same-named ones", () => {
    for (const target of sample) {
      const namesakes = big.filter((r) => sameName(r, target));
      const active = namesakes.filter((r) => r.status === "active");
      const result = bigDirectory.resolve(`Dr. ${target.displayName}, MD`);
      if (target.status === "archived" && active.length > 0) {
        expect(
          result.kind === "one" ? [result.referrer] : result.kind === "ambiguous" ? result.candidates : [],
        ).not.toContain(target);
      } else if ((target.status === "active" ? active : namesakes).length === 1) {
        expect(summary(result)).toEqual({ kind: "one", id: target.id, matchedOn: "full_name" });
      } else {
        expect(result.kind === "ambiguous" && ids(result.candidates)).toContain(target.id);
      }
    }
  });

  it("finds each sampled referrer by NPI", () => {
    for (const target of sample) {
      expect(summary(bigDirectory.resolve(target.npi!))).toEqual({ kind: "one", id: target.id, matchedOn: "npi" });
    }
  });

  it("offers only referrers with that initial and last name for an initial form", () => {
    for (const target of sample.slice(0, 30)) {
      const result = bigDirectory.resolve(`${target.firstName![0]}. ${target.lastName}`);
      const expected = big.filter(
        (r) => r.lastName === target.lastName && r.firstName![0] === target.firstName![0] && r.status === "active",
      );
      const found = result.kind === "one" ? [result.referrer] : result.kind === "ambiguous" ? result.candidates : [];
      if (expected.length === 0) continue;
      expect(found.length).toBe(Math.min(5, expected.length));
      for (const r of found) expect(expected).toContain(r);
    }
  });

  it("still resolves the small directory's names when they sit among 10,000 others", () => {
    expect(summary(bigDirectory.resolve("Dr. Jennifer Lee-Park"))).toEqual({
      kind: "one",
      id: jenniferLeePark.id,
      matchedOn: "full_name",
    });
    expect(summary(bigDirectory.resolve("Dr. Pattel"))).toEqual({ kind: "one", id: rajPatel.id, matchedOn: "fuzzy" });
  });
});
