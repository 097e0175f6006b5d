// Whether dist/ holds a build of the current sources: newer than every file under src/ and the build's
// tsconfig. The command runs the build when it is, and the TypeScript itself (through tsx) when not, so a
// checkout never runs yesterday's code. An installation without sources (the container image) runs its
// build. Plain JavaScript: it runs before anything is compiled.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function stampPath(root = ROOT) {
  return join(root, "dist", ".build-stamp");
}

export function buildIsFresh(root = ROOT) {
  const stamp = stampPath(root);
  if (!existsSync(stamp)) return false;
  if (!existsSync(join(root, "src"))) return true;
  const built = statSync(stamp).mtimeMs;
  return newestIn(join(root, "src")) <= built && statSync(join(root, "tsconfig.build.json")).mtimeMs <= built;
}
