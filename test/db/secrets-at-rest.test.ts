// Slack installations (which hold bot tokens) at rest: sealed with AES-256-GCM under ENCRYPTION_KEY, opened
// only with a key the server has, re-sealed under a new key by `keys rotate`, and rows stored plain before a
// key was set sealed by the first start that has one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServer } from "../../src/app/serve.ts";
import { doctorCommand } from "../../src/cli/commands/doctor.ts";
import { keysRotateCommand } from "../../src/cli/commands/keys.ts";
import { ConfigError, loadConfig } from "../../src/config/config.ts";
import { openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { createWorkspaceRepository } from "../../src/db/repositories/workspace-repository.ts";
import { createSecretCipher, SecretCipherError, secretCipherFor } from "../../src/db/secret-cipher.ts";
import { silentLogger } from "../../src/logging/logger.ts";

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);
const b64 = (key: Buffer) => key.toString("base64");
const INSTALLATION = JSON.stringify({ team: { id: "T1", name: "Clinic" }, bot: { token: "xoxb-very-secret-token" } });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function freshDatabaseUrl(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "referral-nudge-secrets-"));
  dirs.push(dir);
  const url = `file:${join(dir, "secrets.db")}`;
  await applyMigrations(url);
  return url;
}

async function storedRow(url: string): Promise<string> {
  const db = await openDatabase(url);
  try {
    const row = await db.prisma.chatWorkspace.findFirstOrThrow({ where: { externalId: "T1" } });
    return row.installation as string;
  } finally {
    await db.close();
  }
}

describe("the secret cipher", () => {
  const a = createSecretCipher({ current: KEY_A });

  it("opens what it sealed, and the sealed text carries neither the token nor the plain JSON", () => {
    const sealed = a.seal(INSTALLATION);
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(sealed).not.toContain("xoxb");
    expect(a.open(sealed)).toBe(INSTALLATION);
    expect(a.seal(INSTALLATION)).not.toBe(sealed); // a fresh IV each time
  });

  it("refuses a sealed value that was changed", () => {
    const sealed = a.seal(INSTALLATION);
    const tampered = `${sealed.slice(0, -4)}${sealed.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(() => a.open(tampered)).toThrow(SecretCipherError);
  });

  it("names the variable to set when a value was sealed with a key it does not have, and shows no key", () => {
    const sealed = a.seal(INSTALLATION);
    const b = createSecretCipher({ current: KEY_B });
    expect(() => b.open(sealed)).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
    try {
      b.open(sealed);
    } catch (error) {
      expect(String(error)).not.toContain(b64(KEY_A));
      expect(String(error)).not.toContain(b64(KEY_B));
    }
    expect(createSecretCipher({ current: KEY_B, previous: [KEY_A] }).open(sealed)).toBe(INSTALLATION);
  });
});

describe("installations at rest", () => {
  it("are stored sealed and read back plain through the repository", async () => {
    const url = await freshDatabaseUrl();
    const db = await openDatabase(url);
    try {
      const workspaces = createWorkspaceRepository(db.prisma, createSecretCipher({ current: KEY_A }));
      await workspaces.saveInstallation("slack", "T1", INSTALLATION, "Clinic");
      expect(await workspaces.findInstallation("slack", "T1")).toBe(INSTALLATION);
    } finally {
      await db.close();
    }
    expect(await storedRow(url)).not.toContain("xoxb");
  });

  it("stored plain before a key was set are sealed by the first start that has one", async () => {
    const url = await freshDatabaseUrl();
    const db = await openDatabase(url);
    await createWorkspaceRepository(db.prisma).saveInstallation("slack", "T1", INSTALLATION, "Clinic");
    await db.close();
    expect(await storedRow(url)).toBe(INSTALLATION);

    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: url,
      PORT: "0",
      HOST: "127.0.0.1",
      SCHEDULER: "off",
      ENCRYPTION_KEY: b64(KEY_A),
    });
    const app = await startServer(config, silentLogger());
    await app.stop();
    const sealed = await storedRow(url);
    expect(sealed).toMatch(/^enc:v1:/);
    expect(createSecretCipher({ current: KEY_A }).open(sealed)).toBe(INSTALLATION);
  });

  it("are sealed again under the new key by keys rotate, after which the old key alone opens nothing", async () => {
    const url = await freshDatabaseUrl();
    const db = await openDatabase(url);
    try {
      await createWorkspaceRepository(db.prisma, createSecretCipher({ current: KEY_A })).saveInstallation(
        "slack",
        "T1",
        INSTALLATION,
      );
      const config = loadConfig({ DATABASE_URL: url, ENCRYPTION_KEY: b64(KEY_B), ENCRYPTION_KEY_PREVIOUS: b64(KEY_A) });
      expect(await keysRotateCommand(config, db)).toEqual({ sealed: 1, alreadyCurrent: 0 });
      expect(await keysRotateCommand(config, db)).toEqual({ sealed: 0, alreadyCurrent: 1 });
    } finally {
      await db.close();
    }
    const sealed = await storedRow(url);
    expect(createSecretCipher({ current: KEY_B }).open(sealed)).toBe(INSTALLATION);
    expect(() => createSecretCipher({ current: KEY_A }).open(sealed)).toThrow(SecretCipherError);
  });
});

describe("the encryption key in the configuration", () => {
  const oauth = { SLACK_CLIENT_ID: "1", SLACK_CLIENT_SECRET: "2", SLACK_STATE_SECRET: "3", SLACK_SIGNING_SECRET: "s" };

  it("is required with Slack OAuth, and the message says how to make one", () => {
    expect(() => loadConfig(oauth)).toThrow(ConfigError);
    expect(() => loadConfig(oauth)).toThrow(/ENCRYPTION_KEY: .*keys generate/);
    expect(secretCipherFor(loadConfig({ ...oauth, ENCRYPTION_KEY: b64(KEY_A) })).enabled).toBe(true);
  });

  it("must be 32 bytes of base64", () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: "too-short" })).toThrow(/ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => loadConfig({ ENCRYPTION_KEY: b64(Buffer.alloc(16, 1)) })).toThrow(/ENCRYPTION_KEY/);
  });

  it("never appears in doctor's report", async () => {
    const url = await freshDatabaseUrl();
    const lines: string[] = [];
    await doctorCommand({ DATABASE_URL: url, ENCRYPTION_KEY: b64(KEY_A) }, (line) => lines.push(line));
    const report = lines.join("\n");
    expect(report).toContain("Secrets:");
    expect(report).not.toContain(b64(KEY_A));
  });
});
