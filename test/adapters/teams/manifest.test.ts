import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  buildTeamsPackage,
  bundledManifestSchema,
  fillPlaceholders,
  MANIFEST_SCHEMA_URL,
  MANIFEST_VERSION,
  PACKAGE_PATH,
  TeamsPackageError,
  validateManifest,
} from "../../../scripts/teams-package.ts";
import { TEAMS_COMMANDS } from "../../../src/adapters/teams/commands.ts";
import { COMMAND_NAMES } from "../../../src/core/commands/command-names.ts";

const BOT_ID = "12345678-1234-1234-1234-123456789abc";
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** `${{NAME}}`, spelt out so it does not read as a template literal. */
const placeholder = (name: string) => ["$", "{{", name, "}}"].join("");
const template = readFileSync(join(ROOT, "manifests/teams/manifest.json"), "utf8");
const filledTemplate = () => fillPlaceholders(template, { TEAMS_APP_ID: BOT_ID, BOT_ID });

function pngInfo(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] };
}

describe("the Teams app manifest", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is at the newest non-preview schema version bundled in @microsoft/app-manifest", () => {
    const schemas = join(
      dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json")),
      "build/json-schemas/teams",
    );
    const versions = readdirSync(schemas)
      .filter((name) => /^v\d+\.\d+$/.test(name))
      .map((name) => name.slice(1).split(".").map(Number) as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(versions.at(-1)?.join(".")).toBe(MANIFEST_VERSION);

    const manifest = JSON.parse(template);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA_URL);
  });

  it("passes Microsoft's own schema once its ids are filled in, without touching the network", async () => {
    const fetch = vi.fn(() => Promise.reject(new Error("no network in this test")));
    vi.stubGlobal("fetch", fetch);

    const problems = await AppManifestUtils.validateAgainstSchema(
      JSON.parse(filledTemplate()),
      bundledManifestSchema() as never,
    );
    expect(problems).toEqual([]);
    const manifest = await validateManifest(filledTemplate());
    expect(manifest.bots?.[0]?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("keeps the ids as placeholders, filled at packaging time", () => {
    expect(template).toContain(`"id": "${placeholder("TEAMS_APP_ID")}"`);
    expect(template).toContain(`"botId": "${placeholder("BOT_ID")}"`);
  });

  it("suggests the same commands the welcome card teaches, at most ten", async () => {
    const manifest = await validateManifest(filledTemplate());
    const commands = manifest.bots?.[0]?.commandLists?.[0]?.commands ?? [];
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

  it("is refused by Microsoft's schema with a too-long short name, too many commands or a bad bot id", async () => {
    const manifest = JSON.parse(filledTemplate());
    manifest.name.short = "Referral Nudge for Very Long Practice Names";
    manifest.bots[0].botId = "not-a-guid";
    manifest.bots[0].commandLists[0].commands = Array.from({ length: 13 }, (_, i) => ({
      title: `c${i}`,
      description: "d",
    }));
    const refusal = validateManifest(JSON.stringify(manifest));
    await expect(refusal).rejects.toThrow(TeamsPackageError);
    await expect(refusal).rejects.toThrow(
      /\/name\/short[\s\S]*\/bots\/0\/botId[\s\S]*\/bots\/0\/commandLists\/0\/commands/,
    );
  });

  it("is refused when $schema points at another version than the one it is checked against", async () => {
    const manifest = JSON.parse(filledTemplate());
    manifest.$schema = "https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json";
    await expect(validateManifest(JSON.stringify(manifest))).rejects.toThrow(/\$schema must be .*v1\.30/);
  });
});

const run = promisify(execFile);

/** Runs `npm run teams:package`'s script as a process, in an empty folder (no .env) and without Teams variables. */
async function runPackageScript(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), "teams-package-"));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MICROSOFT_APP")));
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(ROOT, "bin/run-ts.mjs"), join(ROOT, "scripts/teams-package.ts"), ...args],
      { cwd, env: { ...clean, ...env }, timeout: 30_000 },
    );
    return { code: 0, stdout, stderr, cwd };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, cwd };
  }
}

describe("the Teams app package", () => {
  it("unzips to the filled manifest and both icons at the root", async () => {
    const { zip } = await buildTeamsPackage({ botId: BOT_ID });
    const files = unzipSync(zip);

    expect(Object.keys(files)).toEqual(["manifest.json", "color.png", "outline.png"]);
    const manifest = JSON.parse(Buffer.from(files["manifest.json"]!).toString("utf8"));
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(Buffer.from(files["color.png"]!)).toEqual(readFileSync(join(ROOT, "manifests/teams/color.png")));
    expect(Buffer.from(files["outline.png"]!)).toEqual(readFileSync(join(ROOT, "manifests/teams/outline.png")));
  });

  it("uses a separate Teams app id when given one", async () => {
    const teamsAppId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    const { manifest } = await buildTeamsPackage({ botId: BOT_ID, teamsAppId });
    expect(manifest.id).toBe(teamsAppId);
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
  });

  it("says what is missing when there is no app id", async () => {
    const refusal = buildTeamsPackage({ botId: undefined });
    await expect(refusal).rejects.toThrow(TeamsPackageError);
    await expect(refusal).rejects.toThrow(/No Microsoft app id: set MICROSOFT_APP_ID .* or pass --app-id/);
  });

  it("refuses an id that is not a GUID", async () => {
    await expect(buildTeamsPackage({ botId: "my-bot" })).rejects.toThrow(
      /MICROSOFT_APP_ID \(or --app-id\) must be a GUID/,
    );
  });

  it("names a placeholder nobody filled", () => {
    expect(() => fillPlaceholders(`{"a":"${placeholder("NOPE")}"}`, {})).toThrow(/no value for NOPE/);
  });
});

describe("npm run teams:package", () => {
  it("builds the package from MICROSOFT_APP_ID alone, without the password", { timeout: 40_000 }, async () => {
    const result = await runPackageScript(["--out", "app.zip"], { MICROSOFT_APP_ID: BOT_ID });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = unzipSync(readFileSync(join(result.cwd, "app.zip")));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(JSON.parse(Buffer.from(files["manifest.json"]!).toString("utf8")).bots[0].botId).toBe(BOT_ID);
  });

  it("takes the app id from --app-id too", { timeout: 40_000 }, async () => {
    const result = await runPackageScript(["--app-id", BOT_ID, "--out", "app.zip"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`bot id ${BOT_ID}`);
  });

  it("fails with a clear message, and writes nothing, when there is no app id", { timeout: 40_000 }, async () => {
    const result = await runPackageScript(["--out", "app.zip"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No Microsoft app id: set MICROSOFT_APP_ID .* or pass --app-id <guid>/);
    expect(result.stderr).toMatch(/password is not needed/);
    expect(readdirSync(result.cwd)).toEqual([]);
  });

  it("is named in the README with the file it writes", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("npm run teams:package");
    expect(readme).toContain(PACKAGE_PATH);
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
