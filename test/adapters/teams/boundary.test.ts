// botbuilder and teams-ai are deprecated/archived and were replaced by the Teams SDK
// (@microsoft/teams.*), touching src/adapters/teams alone. This keeps all their imports (and so
// their types) inside that folder, so the next move is as small.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../..");
const BOT_FRAMEWORK = /from\s+["'](botbuilder[\w-]*|botframework-[\w-]+|@microsoft\/teams-ai)(\/[^"']*)?["']/;
const TEAMS_SDK = /from\s+["']@microsoft\/teams\.[\w-]+(\/[^"']*)?["']/;

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

  it("keeps the Teams SDK's imports inside src/adapters/teams", () => {
    const outside = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "scripts"))]
      .filter((file) => !file.startsWith(join(ROOT, "src/adapters/teams")))
      .filter((file) => TEAMS_SDK.test(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(outside).toEqual([]);
  });

  it("leaves no botbuilder, botframework or teams-ai package installed", () => {
    const lock = readFileSync(join(ROOT, "package-lock.json"), "utf8");
    expect(
      lock.match(/"node_modules\/(?:[^"]*\/)?(?:botbuilder[\w-]*|botframework-[\w-]+|@microsoft\/teams-ai)"/g),
    ).toBeNull();
  });
});
