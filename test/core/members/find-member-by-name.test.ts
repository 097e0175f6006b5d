import { describe, expect, it } from "vitest";
import { findMemberByName } from "../../../src/core/members/find-member-by-name.ts";
import type { Member } from "../../../src/core/model.ts";

const member = (id: string, displayName: string, platform: "slack" | "teams" = "teams"): Member => ({
  id,
  practiceId: "p1",
  platform,
  externalUserId: `ext-${id}`,
  displayName,
  role: "coordinator",
  workspaceExternalId: "t1",
});
const members = [
  member("1", "Ana Lopez"),
  member("2", "Ben Okafor"),
  member("3", "Ben Adams"),
  member("4", "Cara Diaz", "slack"),
];

describe("finding the member a name without an id means", () => {
  it("finds a member by full name, whatever the case and the leading @", () => {
    expect(findMemberByName(members, "teams", "@ana lopez")).toMatchObject({ kind: "found", member: { id: "1" } });
  });

  it("finds a member by first name when only one has it", () => {
    expect(findMemberByName(members, "teams", "Ana")).toMatchObject({ kind: "found", member: { id: "1" } });
  });

  it("asks which one when two members share the first name", () => {
    expect(findMemberByName(members, "teams", "ben")).toEqual({
      kind: "ambiguous",
      names: ["Ben Adams", "Ben Okafor"],
    });
  });

  it("never picks someone from the other platform, or someone unknown", () => {
    expect(findMemberByName(members, "teams", "Cara Diaz")).toEqual({ kind: "none" });
    expect(findMemberByName(members, "teams", "")).toEqual({ kind: "none" });
  });
});
