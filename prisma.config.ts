// Prisma CLI configuration. The bot migrates itself at start (src/db/migrate.ts); this file is for
// people who also run the CLI (`npx prisma migrate status`, `migrate deploy`, `studio`) against the
// same database: it picks the schema and migrations of the provider DATABASE_URL names.
import { resolve } from "node:path";
import { defineConfig } from "prisma/config";

// Not env("DATABASE_URL"): that throws when the variable is unset, which breaks `prisma generate`.
const url = process.env.DATABASE_URL ?? "file:./data/referral-nudge.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";

// Prisma 7 resolves a relative SQLite path against this file's folder, the bot against the
// working directory; an absolute path makes both open the same file from wherever they run.
function absoluteSqliteUrl(fileUrl: string): string {
  const path = fileUrl.slice("file:".length).replace(/^\/\//, "");
  const [file = path, query] = path.split("?");
  return `file:${resolve(process.cwd(), file)}${query ? `?${query}` : ""}`;
}

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url: provider === "sqlite" ? absoluteSqliteUrl(url) : url },
});
