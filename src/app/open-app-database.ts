// Every entry point opens the database the same way: migrate first, so a brand-new database just works.
import type { Config } from "../config/config.ts";
import { type Database, type OpenOptions, openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrate.ts";

export async function openMigratedDatabase(
  config: Pick<Config, "DATABASE_URL">,
  log?: (msg: string) => void,
  opts: Pick<OpenOptions, "pageCacheMb"> = {},
): Promise<Database> {
  const { applied } = await applyMigrations(config.DATABASE_URL, log ? { log } : {});
  if (applied.length && log) log(`Applied ${applied.length} database migration(s): ${applied.join(", ")}`);
  return openDatabase(config.DATABASE_URL, opts);
}
