import { describe, expect, it } from "vitest";
import {
  actionRequestKey,
  LOCAL_TENANT_ID,
  MissingTenantError,
  messageRequestKey,
  stableJson,
  tenantIdOf,
} from "../../../src/adapters/teams/chat-context.ts";
import { readTeamsCommand } from "../../../src/adapters/teams/message-text.ts";

describe("Teams message text", () => {
  it("drops the bot's leading @mention, Teams' layout tags and non-breaking spaces", () => {
    expect(readTeamsCommand('<p><at id="0">Referral Nudge</at>&nbsp;thanked&nbsp;Dr. Lee</p>')).toEqual({
      verb: "thanked",
      rest: "Dr. Lee",
    });
  });

  it("leaves a later mention and entities for the core, which reads them as who did it", () => {
    expect(readTeamsCommand("called Dr. O&#39;Neil <at>Ana Ruiz</at>")).toEqual({
      verb: "called",
      rest: "Dr. O&#39;Neil <at>Ana Ruiz</at>",
    });
  });

  it("reads the verb with or without a slash, in any case", () => {
    expect(readTeamsCommand("thanked Dr. Lee sent a card")).toEqual({ verb: "thanked", rest: "Dr. Lee sent a card" });
    expect(readTeamsCommand("/Thanked   Dr. Lee")).toEqual({ verb: "thanked", rest: "Dr. Lee" });
    expect(readTeamsCommand("nudges")).toEqual({ verb: "nudges", rest: "" });
  });

  it("treats an empty message, or a bare mention, as a request for help", () => {
    expect(readTeamsCommand("  ")).toEqual({ verb: "help", rest: "" });
    expect(readTeamsCommand("<at>Referral Nudge</at>")).toEqual({ verb: "help", rest: "" });
  });
});

describe("Teams context", () => {
  it("reads the tenant from the conversation, then from channelData", () => {
    expect(tenantIdOf({ conversation: { tenantId: "t1" } as never }, "authenticated")).toBe("t1");
    expect(tenantIdOf({ channelData: { tenant: { id: "t2" } } }, "authenticated")).toBe("t2");
  });

  it("falls back to a fixed tenant only in local mode", () => {
    expect(tenantIdOf({}, "local")).toBe(LOCAL_TENANT_ID);
    expect(() => tenantIdOf({}, "authenticated")).toThrow(MissingTenantError);
  });

  it("gives a click the same key whatever the invoke's own id, and whatever the order of the data", () => {
    const a = { id: "1", replyToId: "card-1", conversation: { id: "c" } as never };
    const b = { id: "2", replyToId: "card-1", conversation: { id: "c" } as never };
    expect(actionRequestKey(a, "nudge.done", { value: "x", other: 1 })).toBe(
      actionRequestKey(b, "nudge.done", { other: 1, value: "x" }),
    );
  });

  it("gives different keys to different cards, verbs, data or conversations", () => {
    const base = { replyToId: "card-1", conversation: { id: "c" } as never };
    const key = actionRequestKey(base, "nudge.done", { value: "x" });
    expect(actionRequestKey({ ...base, replyToId: "card-2" }, "nudge.done", { value: "x" })).not.toBe(key);
    expect(actionRequestKey(base, "nudge.snooze", { value: "x" })).not.toBe(key);
    expect(actionRequestKey(base, "nudge.done", { value: "y" })).not.toBe(key);
    expect(actionRequestKey({ ...base, conversation: { id: "d" } as never }, "nudge.done", { value: "x" })).not.toBe(
      key,
    );
  });

  it("keys a message by conversation and id, since Teams ids are only unique per conversation", () => {
    const one = messageRequestKey({ id: "1700000000000", conversation: { id: "a" } as never });
    const two = messageRequestKey({ id: "1700000000000", conversation: { id: "b" } as never });
    expect(one).not.toBe(two);
    expect(one).toBe(messageRequestKey({ id: "1700000000000", conversation: { id: "a" } as never }));
  });

  it("writes JSON with sorted keys", () => {
    expect(stableJson({ b: [2, { d: 1, c: 0 }], a: null })).toBe('{"a":null,"b":[2,{"c":0,"d":1}]}');
  });
});
