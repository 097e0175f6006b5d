#!/usr/bin/env node
// Writes one schema per database provider from prisma/models.prisma and generates
// a Prisma Client for each. A Prisma provider must be a literal, so the shared models
// are kept once and the two provider headers are added here.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const models = readFileSync(join(root, "prisma/models.prisma"), "utf8");
const providers = ["sqlite", "postgresql"];

for (const provider of providers) {
  const header = [
    "// Generated from prisma/models.prisma by scripts/prisma-generate.mjs. Edit models.prisma instead.",
    "generator client {",
    '  provider     = "prisma-client"',
    `  output       = "../../src/db/generated/${provider}"`,
    '  moduleFormat = "esm"',
    "}",
    "",
    "datasource db {",
    `  provider = "${provider}"`,
    "}",
    "",
    "",
  ].join("\n");
  const target = join(root, "prisma", provider, "schema.prisma");
  const content = header + models;
  if (!existsSync(target) || readFileSync(target, "utf8") !== content) writeFileSync(target, content);
}

if (process.argv.includes("--schemas-only")) process.exit(0);

// Prisma's CLI insists on a native schema engine even for `generate`, which needs none,
// and downloads it when missing; pointing it at any file skips that download (offline installs).
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= join(root, "package.json");
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const prismaBin = join(root, "node_modules", "prisma", "build", "index.js");
for (const provider of providers) {
  execFileSync(process.execPath, [prismaBin, "generate", "--schema", join("prisma", provider, "schema.prisma")], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
}
