import { readFileSync } from "node:fs";
import { inflateRawSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  buildTeamsPackage,
  crc32,
  fillPlaceholders,
  TeamsPackageError,
  validateManifest,
} from "../../../scripts/teams-package.ts";
import { TEAMS_COMMANDS } from "../../../src/adapters/teams/commands.ts";
import { COMMAND_NAMES } from "../../../src/core/commands/command-names.ts";

const BOT_ID = "12345678-1234-1234-1234-123456789abc";
/** `${{NAME}}`, spelt out so it does not read as a template literal. */
const placeholder = (name: string) => ["$", "{{", name, "}}"].join("");
const template = readFileSync(new URL("../../../manifests/teams/manifest.json", import.meta.url), "utf8");

/** Reads a zip's central directory and inflates each entry, checking its CRC. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const crc = zip.readUInt32LE(at + 16);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + size));
    expect(crc32(data), name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function pngInfo(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] };
}

describe("the Teams app manifest", () => {
  it("is a valid manifest 1.22 once its ids are filled in", () => {
    const manifest = validateManifest(fillPlaceholders(template, { TEAMS_APP_ID: BOT_ID, BOT_ID }));
    expect(manifest.manifestVersion).toBe("1.22");
    expect(manifest.bots[0]?.scopes).toEqual(["personal", "team", "groupChat"]);
  });

  it("keeps the ids as placeholders, filled at packaging time", () => {
    expect(template).toContain(`"id": "${placeholder("TEAMS_APP_ID")}"`);
    expect(template).toContain(`"botId": "${placeholder("BOT_ID")}"`);
  });

  it("suggests the same commands the welcome card teaches, at most ten", () => {
    const manifest = validateManifest(fillPlaceholders(template, { TEAMS_APP_ID: BOT_ID, BOT_ID }));
    const commands = manifest.bots[0]?.commandLists?.[0]?.commands ?? [];
    expect(commands).toEqual(TEAMS_COMMANDS.map(({ title, description }) => ({ title, description })));
    expect(commands.length).toBeLessThanOrEqual(10);
  });

  it("has a 192×192 colour icon and a 32×32 outline icon, white on transparent", () => {
    const color = pngInfo(readFileSync(new URL("../../../manifests/teams/color.png", import.meta.url)));
    const outlineFile = readFileSync(new URL("../../../manifests/teams/outline.png", import.meta.url));
    const outline = pngInfo(outlineFile);
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect(outline).toMatchObject({ width: 32, height: 32, colorType: 6 });

    // Every pixel of the outline is white, or fully transparent.
    const idat = outlineFile.subarray(outlineFile.indexOf("IDAT") + 4, outlineFile.indexOf("IEND") - 8);
    const rows = inflateSync(idat);
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const i = y * 129 + 1 + x * 4;
        const [r, g, b, a] = [rows[i], rows[i + 1], rows[i + 2], rows[i + 3]];
        if (a !== 0) expect([r, g, b], `pixel ${x},${y}`).toEqual([255, 255, 255]);
      }
    }
  });

  it("refuses a manifest with too many commands or a too-long short name", () => {
    const manifest = JSON.parse(fillPlaceholders(template, { TEAMS_APP_ID: BOT_ID, BOT_ID }));
    manifest.name.short = "Referral Nudge for Very Long Practice Names";
    manifest.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({
      title: `c${i}`,
      description: "d",
    }));
    expect(() => validateManifest(JSON.stringify(manifest))).toThrow(/name\.short[\s\S]*commands/);
  });
});

describe("the Teams app package", () => {
  it("zips the filled manifest and both icons at the root", () => {
    const { zip } = buildTeamsPackage({ botId: BOT_ID });
    const files = unzip(zip);

    expect([...files.keys()]).toEqual(["manifest.json", "color.png", "outline.png"]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(files.get("color.png")).toEqual(
      readFileSync(new URL("../../../manifests/teams/color.png", import.meta.url)),
    );
  });

  it("uses a separate Teams app id when given one", () => {
    const appId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    const { manifest } = buildTeamsPackage({ botId: BOT_ID, appId });
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
  });

  it("says which variable is missing when MICROSOFT_APP_ID is not set", () => {
    expect(() => buildTeamsPackage({ botId: undefined })).toThrow(TeamsPackageError);
    expect(() => buildTeamsPackage({ botId: undefined })).toThrow(/MICROSOFT_APP_ID is not set/);
  });

  it("refuses an id that is not a GUID", () => {
    expect(() => buildTeamsPackage({ botId: "my-bot" })).toThrow(/MICROSOFT_APP_ID must be a GUID/);
  });

  it("names a placeholder nobody filled", () => {
    expect(() => fillPlaceholders(`{"a":"${placeholder("NOPE")}"}`, {})).toThrow(/no value for NOPE/);
  });
});

describe("the Teams command menu", () => {
  it("offers only verbs the core understands", () => {
    const coreVerbs = new Set<string>(COMMAND_NAMES);
    const unknown = TEAMS_COMMANDS.map((c) => c.title.split(" ")[0]!).filter(
      (verb) => verb !== "help" && !coreVerbs.has(verb),
    );
    expect(unknown).toEqual([]);
  });
});
