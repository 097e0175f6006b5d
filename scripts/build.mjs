#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json) and copies the plain JavaScript
// files the sources start as workers, the JSON data files they read (the FHIR door's definitions), and the
// font files the charts are drawn with. `--if-stale` does nothing when dist/ is already newer than src/.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { buildIsFresh, DIST, ROOT, stampPath } from "../bin/compiled.mjs";

if (process.argv.includes("--if-stale") && buildIsFresh()) process.exit(0);

const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
if (!existsSync(tsc)) {
  // A production install without dev dependencies: the dist/ it shipped with is what runs.
  console.error(
    existsSync(DIST)
      ? "typescript is not installed; keeping the existing dist/."
      : "typescript is not installed, so there is no build; the command runs the sources through tsx.",
  );
  process.exit(0);
}
execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });

function copyPlainJs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyPlainJs(path);
    else if (/\.(mjs|json|ttf)$/.test(entry.name) || entry.name.startsWith("LICENSE")) {
      const target = join(DIST, relative(join(ROOT, "src"), path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}
copyPlainJs(join(ROOT, "src"));
writeFileSync(stampPath(), `${new Date().toISOString()}\n`);
