// botbuilder and teams-ai are deprecated/archived; the move to the Teams SDK must touch
// src/adapters/teams alone. This keeps their imports (and so their types) inside that folder.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../..");
const BOT_FRAMEWORK = /from\s+["'](botbuilder[\w-]*|botframework-[\w-]+|@microsoft\/teams-ai)(\/[^"']*)?["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

describe("the Teams boundary", () => {
  it("keeps botbuilder and teams-ai imports inside src/adapters/teams", () => {
    const outside = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "scripts"))]
      .filter((file) => !file.startsWith(join(ROOT, "src/adapters/teams")))
      .filter((file) => BOT_FRAMEWORK.test(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(outside).toEqual([]);
  });
});
