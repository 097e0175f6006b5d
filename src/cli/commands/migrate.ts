import type { Config } from "../../config/config.ts";
import { applyMigrations } from "../../db/migrate.ts";

export async function migrateCommand(config: Config): Promise<void> {
  const { applied } = await applyMigrations(config.DATABASE_URL, { log: (m) => console.log(m) });
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date.",
  );
}
