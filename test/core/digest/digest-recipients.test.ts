import { describe, expect, it } from "vitest";
import { digestRecipients } from "../../../src/core/digest/digest-recipients.ts";
import type { WorkspaceLink } from "../../../src/core/ports.ts";

const link = (id: string, platform: "slack" | "teams", digestConversation: string | null): WorkspaceLink => ({
  id,
  practiceId: "p1",
  platform,
  externalId: `ext-${id}`,
  name: null,
  digestConversation,
});
const member = (
  id: string,
  platform: "slack" | "teams",
  role: "physician" | "coordinator" | "manager",
  workspaceExternalId: string | null = null,
) => ({ id, platform, role, externalUserId: `U-${id}`, workspaceExternalId });

describe("who receives the digest", () => {
  it("sends to each digest conversation once, even when two workspaces name the same one", () => {
    const links = [link("w1", "slack", "C1"), link("w2", "slack", "C1"), link("w3", "slack", "C2")];
    const got = digestRecipients("slack", links, [], new Map());
    expect(got.map((r) => (r.kind === "conversation" ? r.conversation : null))).toEqual(["C1", "C2"]);
  });

  it("skips workspaces with no digest conversation and those of the other platform", () => {
    const links = [link("w1", "slack", null), link("w2", "teams", "19:abc")];
    expect(digestRecipients("slack", links, [], new Map())).toEqual([]);
  });

  it("adds each physician of the platform in their own direct message, with the stored DM when known", () => {
    const members = [
      member("m1", "slack", "physician"),
      member("m2", "slack", "coordinator"),
      member("m3", "teams", "physician"),
    ];
    const got = digestRecipients("slack", [], members, new Map([["m1", "D1"]]));
    expect(got).toEqual([{ kind: "person", memberId: "m1", externalUserId: "U-m1", dm: "D1" }]);
  });

  it("gives a physician with no direct message yet a null dm, for the delivery to open one", () => {
    const got = digestRecipients("teams", [], [member("m3", "teams", "physician")], new Map());
    expect(got).toEqual([{ kind: "person", memberId: "m3", externalUserId: "U-m3", dm: null }]);
  });

  it("sends nothing to a workspace the app was removed from, neither its channel nor its physicians' DMs", () => {
    const links = [{ ...link("w1", "slack", null), uninstalledAt: new Date("2026-12-01") }, link("w2", "slack", "C2")];
    const members = [member("m1", "slack", "physician", "ext-w1"), member("m2", "slack", "physician", "ext-w2")];
    const got = digestRecipients("slack", links, members, new Map());
    expect(got).toEqual([
      { kind: "conversation", conversation: "C2", workspaceId: "w2" },
      { kind: "person", memberId: "m2", externalUserId: "U-m2", dm: null },
    ]);
  });
});
