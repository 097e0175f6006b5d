#!/usr/bin/env node
// The referral-nudge command: the compiled build in dist/ (`npm run build`, run by `npm install` and
// before `npm start`), or, in a checkout whose sources changed since, the TypeScript through tsx.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildIsFresh, DIST } from "./compiled.mjs";

if (buildIsFresh()) {
  await import(pathToFileURL(join(DIST, "cli", "main.js")).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
