// Opens the database (migrating it) and finds the practice a command acts on.

import { createServices, type Services } from "../app/create-services.ts";
import { openMigratedDatabase } from "../app/open-app-database.ts";
import type { Config } from "../config/config.ts";
import type { Practice } from "../core/model.ts";
import { secretCipherFor } from "../db/secret-cipher.ts";

export class CliError extends Error {}

export async function findPractice(services: Services, name: string | undefined): Promise<Practice> {
  if (!name) return services.repos.practices.getOrCreateDefault();
  const practice = await services.repos.practices.findByName(name);
  if (practice) return practice;
  const names = (await services.repos.practices.list()).map((p) => `"${p.name}"`).join(", ");
  throw new CliError(`No practice called "${name}". Practices: ${names || "none yet"}.`);
}

export async function withCliServices<T>(
  config: Config,
  practiceName: string | undefined,
  work: (services: Services, practice: Practice) => Promise<T>,
): Promise<T | undefined> {
  return withCliDatabase(config, async (services) => work(services, await findPractice(services, practiceName)));
}

/** Opens the migrated database for one command; a CliError becomes its message and exit code 1. Commands that act on no one practice (`workspaces`) use it directly: nothing is created just by looking. */
export async function withCliDatabase<T>(
  config: Config,
  work: (services: Services) => Promise<T>,
): Promise<T | undefined> {
  const db = await openMigratedDatabase(config, (msg) => console.error(msg));
  try {
    return await work(createServices(db, { cipher: secretCipherFor(config) }));
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      process.exitCode = 1;
      return undefined;
    }
    throw error;
  } finally {
    await db.close();
  }
}
