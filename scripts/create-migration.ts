// `npm run migrations:create -- <name>`: writes the next migration for both databases, in the
// folder layout `prisma migrate dev` uses, so `prisma migrate deploy` and src/db/migrate.ts both
// read it. Works offline: it runs Prisma's schema engine as WebAssembly (see scripts/lib).
// PostgreSQL needs a reachable server (default postgresql://postgres@127.0.0.1:5432/postgres,
// or MIGRATIONS_POSTGRES_URL) to replay the history on throwaway databases.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  diffMigrationsToSchema,
  migrationLockContent,
  migrationsDirOf,
  openSchemaEngine,
  type Provider,
  providers,
  repoRoot,
} from "./lib/schema-engine.ts";

/** Like the CLI: letters, digits and underscores; Prisma refuses folder names over 200 bytes. */
function migrationSlug(raw: string): string {
  return raw
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 180);
}

/** UTC, YYYYMMDDHHMMSS, as `prisma migrate dev` names folders. */
function migrationTimestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function lastMigrationName(provider: Provider): string | undefined {
  const dir = migrationsDirOf(provider);
  if (!existsSync(dir)) return undefined;
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  return names.at(-1);
}

function checkLockFile(provider: Provider): void {
  const lockPath = join(migrationsDirOf(provider), "migration_lock.toml");
  if (!existsSync(lockPath)) return;
  const found = /provider\s*=\s*"([^"]+)"/.exec(readFileSync(lockPath, "utf8"))?.[1];
  if (found !== provider) {
    throw new Error(`${lockPath} says provider "${found}", expected "${provider}". Do not mix providers' migrations.`);
  }
}

async function main(): Promise<void> {
  const name = migrationSlug(process.argv.slice(2).join("_"));
  if (!name) {
    console.error("usage: npm run migrations:create -- <name>   (for example: add_referrer_notes)");
    process.exit(2);
  }

  execFileSync(process.execPath, [join(repoRoot, "scripts/prisma-generate.mjs"), "--schemas-only"], {
    cwd: repoRoot,
    stdio: "inherit",
  });

  const folder = `${migrationTimestamp()}_${name}`;
  // Every diff is computed before anything is written, so a PostgreSQL failure never leaves
  // the SQLite history one migration ahead of the PostgreSQL one.
  const scripts = new Map<Provider, string>();
  for (const provider of providers) {
    checkLockFile(provider);
    const last = lastMigrationName(provider);
    if (last && last.localeCompare(folder) >= 0) {
      throw new Error(`${provider}: the newest migration ${last} sorts after ${folder}; check the clock.`);
    }
    const engine = await openSchemaEngine({ provider });
    try {
      const sql = await diffMigrationsToSchema(engine, provider);
      if (sql === null) console.log(`${provider}: no changes`);
      else scripts.set(provider, sql);
    } finally {
      await engine.close();
    }
  }
  if (scripts.size === 0) {
    console.log("no changes");
    return;
  }

  for (const [provider, sql] of scripts) {
    const dir = migrationsDirOf(provider);
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, "migration.sql"), sql);
    writeFileSync(join(dir, "migration_lock.toml"), migrationLockContent(provider));
    console.log(`${provider}: wrote prisma/${provider}/migrations/${folder}/migration.sql`);
  }

  // The new history must now reproduce the schema exactly; anything else is an engine surprise.
  for (const provider of scripts.keys()) {
    const engine = await openSchemaEngine({ provider });
    try {
      if ((await diffMigrationsToSchema(engine, provider)) !== null) {
        throw new Error(`${provider}: after writing ${folder} the migrations still differ from the schema.`);
      }
    } finally {
      await engine.close();
    }
  }
  console.log("Review the SQL, then commit the new folders. The bot applies them at start (src/db/migrate.ts).");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
