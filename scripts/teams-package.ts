// Builds the Teams app package (manifest.json + the two icons, zipped) from manifests/teams/:
//   npm run teams:package [-- --app-id <guid>]
// The bot id comes from MICROSOFT_APP_ID; the Teams app id defaults to the same GUID (Teams allows
// it) unless --app-id gives another. The manifest is checked against a zod schema of the 1.22
// fields we use (no copy of Microsoft's JSON schema ships in an installed package, and this runs
// offline), and the zip is written with node:zlib (no zip library is installed).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateRawSync } from "node:zlib";
import { config as loadDotenv } from "dotenv";
import { z } from "zod/v4";
import { loadConfig } from "../src/config/config.ts";

const MANIFEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../manifests/teams");
export const PACKAGE_FILE = "referral-nudge-teams.zip";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const https = z.url({ protocol: /^https$/ }).max(2048);
const scope = z.enum(["personal", "team", "groupChat"]);

/** The app manifest 1.22 fields this app uses, with the limits Teams enforces on them. */
export const ZTeamsManifest = z.object({
  $schema: z.literal("https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json"),
  manifestVersion: z.literal("1.22"),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be a semantic version such as 1.0.0"),
  id: z.string().regex(GUID, "must be a GUID"),
  developer: z.object({
    name: z.string().min(1).max(32),
    websiteUrl: https,
    privacyUrl: https,
    termsOfUseUrl: https,
    mpnId: z.string().max(10).optional(),
  }),
  icons: z.object({ color: z.string().min(1).max(2048), outline: z.string().min(1).max(2048) }),
  name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  bots: z
    .array(
      z.object({
        botId: z.string().regex(GUID, "must be a GUID (the bot's Microsoft app id)"),
        scopes: z.array(scope).min(1).max(3),
        supportsFiles: z.boolean().optional(),
        isNotificationOnly: z.boolean().optional(),
        commandLists: z
          .array(
            z.object({
              scopes: z.array(scope).min(1).max(3),
              commands: z
                .array(z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) }))
                .min(1)
                .max(10),
            }),
          )
          .max(3)
          .optional(),
      }),
    )
    .max(1),
  permissions: z.array(z.enum(["identity", "messageTeamMembers"])).optional(),
  validDomains: z.array(z.string().max(2048)).max(16).optional(),
});
export type TeamsManifest = z.infer<typeof ZTeamsManifest>;

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

export function validateManifest(json: string): TeamsManifest {
  const parsed = ZTeamsManifest.safeParse(JSON.parse(json));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "manifest"}: ${i.message}`);
  throw new TeamsPackageError(`manifest.json is not a valid Teams app manifest 1.22:\n${problems.join("\n")}`);
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal zip (deflate, no directories, no zip64): what Teams' app upload reads. */
export function createZip(entries: ZipEntry[], date = new Date()): Buffer {
  const dosTime = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const dosDate = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;

  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }

  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export interface PackageIds {
  /** The bot's Microsoft app id (MICROSOFT_APP_ID). */
  botId: string | undefined;
  /** The Teams app id; defaults to the bot id. */
  appId?: string | undefined;
}

/** Fills, checks and zips the package; returns the zip and the manifest that went into it. */
export function buildTeamsPackage(
  ids: PackageIds,
  manifestDir = MANIFEST_DIR,
): { zip: Buffer; manifest: TeamsManifest } {
  if (!ids.botId) {
    throw new TeamsPackageError(
      "MICROSOFT_APP_ID is not set: it is the bot's id in the Teams package. Register a bot (Azure Bot or the " +
        "Teams Developer Portal), then set MICROSOFT_APP_ID (and MICROSOFT_APP_PASSWORD) in .env or the environment.",
    );
  }
  const appId = ids.appId ?? ids.botId;
  for (const [name, value] of [
    ["MICROSOFT_APP_ID", ids.botId],
    ["--app-id", appId],
  ] as const) {
    if (!GUID.test(value))
      throw new TeamsPackageError(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000`);
  }

  const template = readFileSync(join(manifestDir, "manifest.json"), "utf8");
  const filled = fillPlaceholders(template, { TEAMS_APP_ID: appId, BOT_ID: ids.botId });
  const manifest = validateManifest(filled);
  const zip = createZip([
    { name: "manifest.json", data: Buffer.from(filled, "utf8") },
    { name: manifest.icons.color, data: readFileSync(join(manifestDir, manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(join(manifestDir, manifest.icons.outline)) },
  ]);
  return { zip, manifest };
}

function main(): void {
  loadDotenv({ quiet: true });
  const args = process.argv.slice(2);
  const appIdFlag = args.indexOf("--app-id");
  const appId = appIdFlag >= 0 ? args[appIdFlag + 1] : undefined;
  try {
    const config = loadConfig();
    const { zip, manifest } = buildTeamsPackage({ botId: config.MICROSOFT_APP_ID, appId });
    const outDir = join(MANIFEST_DIR, "build");
    mkdirSync(outDir, { recursive: true });
    const out = join(outDir, PACKAGE_FILE);
    writeFileSync(out, zip);
    console.log(`Wrote ${out} (${zip.length} bytes): app id ${manifest.id}, bot id ${manifest.bots[0]?.botId}.`);
    console.log("Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
