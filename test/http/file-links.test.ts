import { describe, expect, it } from "vitest";
import { createFileLinks } from "../../src/http/file-links.ts";

const tokenOf = (url: string) => url.split("/files/")[1]?.split("/")[0] ?? "";

describe("signed file links", () => {
  it("name the practice and the file's reference, under the configured address", () => {
    const links = createFileLinks({ baseUrl: () => "https://nudge.example.org/", now: () => 1_000 });
    const url = links.url("p1", "cards:b1", "thank-you cards.pdf");
    expect(url).toMatch(/^https:\/\/nudge\.example\.org\/files\/[^/]+\/thank-you-cards\.pdf$/);
    expect(links.verify(tokenOf(url ?? ""))).toEqual({ practiceId: "p1", ref: "cards:b1" });
  });

  it("stop working when they expire", () => {
    let now = 1_000;
    const links = createFileLinks({ baseUrl: () => "http://127.0.0.1:3000", ttlMs: 60_000, now: () => now });
    const token = tokenOf(links.url("p1", "cards:b1", "c.pdf") ?? "");
    now += 59_000;
    expect(links.verify(token)).not.toBeNull();
    now += 2_000;
    expect(links.verify(token)).toBeNull();
  });

  it("refuse a link signed with another key or changed in any way", () => {
    const ours = createFileLinks({ baseUrl: () => "http://x", key: "a".repeat(32) });
    const theirs = createFileLinks({ baseUrl: () => "http://x", key: "b".repeat(32) });
    const token = tokenOf(theirs.url("p1", "cards:b1", "c.pdf") ?? "");
    expect(ours.verify(token)).toBeNull();
    const mine = tokenOf(ours.url("p1", "cards:b1", "c.pdf") ?? "");
    const [body, signature] = mine.split(".");
    const otherBody = Buffer.from(JSON.stringify({ p: "p2", f: "cards:b1", e: Date.now() + 60_000 })).toString(
      "base64url",
    );
    expect(ours.verify(`${otherBody}.${signature}`)).toBeNull();
    expect(ours.verify(`${body}`)).toBeNull();
  });

  it("give no link while no address is known", () => {
    expect(createFileLinks({ baseUrl: () => null }).url("p1", "cards:b1", "c.pdf")).toBeNull();
  });
});
