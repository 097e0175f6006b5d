// Builds the Teams app package (manifest.json + the two icons, zipped) from manifests/teams/:
//   npm run teams:package [-- --app-id <guid>] [-- --teams-app-id <guid>] [-- --out <file>]
// Only the bot's Microsoft app id is needed (MICROSOFT_APP_ID, or --app-id which wins); the password is
// not, so the package can be built on a machine that never holds the secret. The Teams app id defaults
// to the same GUID (Teams allows it) unless --teams-app-id gives another.
// The manifest is validated against Microsoft's own JSON schema as bundled in @microsoft/app-manifest,
// loaded from disk (never fetched: this must work offline), and zipped with fflate.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AppManifestUtils, type TeamsManifestV1D30 } from "@microsoft/app-manifest";
import { config as loadDotenv } from "dotenv";
import { zipSync } from "fflate";

const MANIFEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../manifests/teams");
export const PACKAGE_FILE = "referral-nudge-teams.zip";
/** Where `npm run teams:package` writes the zip, relative to the project root (the README names it). */
export const PACKAGE_PATH = `manifests/teams/build/${PACKAGE_FILE}`;

/** The newest non-preview manifest version bundled in @microsoft/app-manifest. */
export const MANIFEST_VERSION = "1.30";
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export class TeamsPackageError extends Error {
  readonly code = "TEAMS_PACKAGE_INVALID";
}

/** Replaces `${{NAME}}` placeholders; any left unfilled is an error that names it. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  const missing = [...filled.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]);
  if (missing.length > 0) throw new TeamsPackageError(`manifest.json has no value for ${missing.join(", ")}`);
  return filled;
}

/** Microsoft's JSON schema for MANIFEST_VERSION, read from the installed package's own copy. */
export function bundledManifestSchema(): object {
  const packageJson = createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json");
  const file = join(dirname(packageJson), `build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * Checks the manifest against Microsoft's schema. The schema is passed in, so the package never
 * looks `$schema` up on the network; `$schema` itself is checked here because the schema only
 * requires it to be some URI.
 */
export async function validateManifest(json: string): Promise<TeamsManifest> {
  const manifest = JSON.parse(json) as TeamsManifest;
  const problems = await AppManifestUtils.validateAgainstSchema(manifest, bundledManifestSchema() as never);
  if (manifest.$schema !== MANIFEST_SCHEMA_URL) problems.unshift(`/$schema must be ${MANIFEST_SCHEMA_URL}`);
  if (problems.length === 0) return manifest;
  throw new TeamsPackageError(
    `manifest.json is not a valid Teams app manifest ${MANIFEST_VERSION}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}

export interface PackageIds {
  /** The bot's Microsoft app id (MICROSOFT_APP_ID or --app-id). */
  botId: string | undefined;
  /** The Teams app id; defaults to the bot id. */
  teamsAppId?: string | undefined;
}

const MISSING_APP_ID =
  "No Microsoft app id: set MICROSOFT_APP_ID (in .env or the environment) or pass --app-id <guid>, e.g.\n" +
  "  MICROSOFT_APP_ID=00000000-0000-0000-0000-000000000000 npm run teams:package\n" +
  "It is the bot's id from its registration (Azure Bot or the Teams Developer Portal). " +
  "The password is not needed to build the package.";

/** Fills, checks and zips the package; returns the zip and the manifest that went into it. */
export async function buildTeamsPackage(
  ids: PackageIds,
  manifestDir = MANIFEST_DIR,
): Promise<{ zip: Uint8Array; manifest: TeamsManifest }> {
  if (!ids.botId) throw new TeamsPackageError(MISSING_APP_ID);
  const teamsAppId = ids.teamsAppId ?? ids.botId;
  for (const [name, value] of [
    ["MICROSOFT_APP_ID (or --app-id)", ids.botId],
    ["--teams-app-id", teamsAppId],
  ] as const) {
    if (!GUID.test(value))
      throw new TeamsPackageError(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000, not "${value}"`);
  }

  const template = readFileSync(join(manifestDir, "manifest.json"), "utf8");
  const filled = fillPlaceholders(template, { TEAMS_APP_ID: teamsAppId, BOT_ID: ids.botId });
  const manifest = await validateManifest(filled);
  const icons = [manifest.icons.color, manifest.icons.outline];
  for (const icon of icons) {
    if (!existsSync(join(manifestDir, icon)))
      throw new TeamsPackageError(`manifest.json names the icon ${icon}, which is not in ${manifestDir}`);
  }
  const zip = zipSync({
    "manifest.json": Buffer.from(filled, "utf8"),
    ...Object.fromEntries(icons.map((icon) => [icon, readFileSync(join(manifestDir, icon))])),
  });
  return { zip, manifest };
}

/** The value after `flag`, undefined if the flag is absent; a flag with no value is an error. */
function flagValue(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith("--")) throw new TeamsPackageError(`${flag} needs a value`);
  return value;
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const args = process.argv.slice(2);
  try {
    const botId = flagValue(args, "--app-id") ?? (process.env.MICROSOFT_APP_ID || undefined);
    const teamsAppId = flagValue(args, "--teams-app-id");
    const out = resolve(flagValue(args, "--out") ?? join(MANIFEST_DIR, "build", PACKAGE_FILE));
    const { zip, manifest } = await buildTeamsPackage({ botId, teamsAppId });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`Wrote ${out} (${zip.length} bytes): app id ${manifest.id}, bot id ${manifest.bots?.[0]?.botId}.`);
    console.log("Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
