import { describe, expect, it } from "vitest";
import { chooseSplit, type SplitOutcome } from "../../../src/core/commands/choose-split.ts";
import { parseCommand } from "../../../src/core/commands/parse-command.ts";
import type { NameSplit } from "../../../src/core/commands/split-name-note.ts";
import { ReferrerDirectory } from "../../../src/core/referrers/referrer-directory.ts";
import { directoryList } from "../referrers/referrer-fixtures.ts";

const splits: NameSplit[] = [
  { name: "Dr. Lee sent a", note: "card" },
  { name: "Dr. Lee sent", note: "a card" },
  { name: "Dr. Lee", note: "sent a card" },
];

/** A fake directory: each name answers what the table says, and every question is recorded. */
function fake(answers: Record<string, SplitOutcome>) {
  const asked: string[] = [];
  const tryResolve = (name: string): SplitOutcome => {
    asked.push(name);
    return answers[name] ?? { kind: "none" };
  };
  return { asked, tryResolve };
}

describe("chooseSplit", () => {
  it("picks the longest name that resolves to one referrer", () => {
    const { tryResolve } = fake({
      "Dr. Lee sent": { kind: "one", matchedOn: "full_name" },
      "Dr. Lee": { kind: "one", matchedOn: "last_name" },
    });
    expect(chooseSplit(splits, tryResolve)?.split).toEqual({ name: "Dr. Lee sent", note: "a card" });
  });

  it("stops asking once a name resolves to one referrer", () => {
    const { asked, tryResolve } = fake({ "Dr. Lee sent a": { kind: "one", matchedOn: "full_name" } });
    chooseSplit(splits, tryResolve);
    expect(asked).toEqual(["Dr. Lee sent a"]);
  });

  it("prefers an exact match over a longer forgiven typo", () => {
    const { tryResolve } = fake({
      "Dr. Lee sent a": { kind: "one", matchedOn: "fuzzy" },
      "Dr. Lee": { kind: "one", matchedOn: "last_name" },
    });
    expect(chooseSplit(splits, tryResolve)?.split.name).toBe("Dr. Lee");
  });

  it("falls back to the ambiguous name so the chat can ask which one", () => {
    const { tryResolve } = fake({ "Dr. Lee": { kind: "ambiguous" } });
    const chosen = chooseSplit(splits, tryResolve);
    expect(chosen).toEqual({ split: { name: "Dr. Lee", note: "sent a card" }, resolution: { kind: "ambiguous" } });
  });

  it("takes a longer forgiven typo over a shorter ambiguous name", () => {
    const { tryResolve } = fake({
      "Dr. Lee sent": { kind: "one", matchedOn: "fuzzy" },
      "Dr. Lee": { kind: "ambiguous" },
    });
    expect(chooseSplit(splits, tryResolve)?.split.name).toBe("Dr. Lee sent");
  });

  it("reports the shortest name when nothing resolves, so suggestions are about the name alone", () => {
    const { asked, tryResolve } = fake({});
    expect(chooseSplit(splits, tryResolve)).toEqual({
      split: { name: "Dr. Lee", note: "sent a card" },
      resolution: { kind: "none" },
    });
    expect(asked).toEqual(["Dr. Lee sent a", "Dr. Lee sent", "Dr. Lee"]);
  });

  it("returns null for no splits", () => {
    expect(chooseSplit([], fake({}).tryResolve)).toBeNull();
  });
});

describe("chooseSplit with the parser and the real directory", () => {
  const directory = new ReferrerDirectory(directoryList);

  function choose(text: string) {
    const command = parseCommand("thanked", text);
    if (!("splits" in command)) throw new Error(`not a touch: ${JSON.stringify(command)}`);
    const chosen = chooseSplit(command.splits, (name) => directory.resolve(name))!;
    const { resolution } = chosen;
    const who =
      resolution.kind === "one"
        ? resolution.referrer.id
        : resolution.kind === "ambiguous"
          ? resolution.candidates.map((r) => r.id)
          : null;
    return { kind: resolution.kind, who, note: chosen.split.note };
  }

  it("keeps the whole hyphenated name and leaves the rest as the note", () => {
    expect(choose("Dr. Jennifer Lee-Park cookies for the front desk")).toEqual({
      kind: "one",
      who: "jennifer-lee-park",
      note: "cookies for the front desk",
    });
  });

  it("finds a first and last name followed by a note", () => {
    expect(choose("Jennifer Lee flowers")).toEqual({ kind: "one", who: "jennifer-lee", note: "flowers" });
  });

  it("asks which Dr. Lee when only the last name was given", () => {
    expect(choose("Dr. Lee great chat")).toEqual({
      kind: "ambiguous",
      who: ["daniel-lee", "jennifer-lee", "jennifer-lee-park"],
      note: "great chat",
    });
  });

  it("finds a particle surname of four words", () => {
    expect(choose("Dr. Maria de la Cruz flowers")).toEqual({
      kind: "one",
      who: "maria-de-la-cruz",
      note: "flowers",
    });
  });

  it("does not turn note words into a typo match", () => {
    expect(choose("Dr. Patel card")).toEqual({ kind: "one", who: "raj-patel", note: "card" });
  });
});
