#!/usr/bin/env node
// Runs a TypeScript file with tsx's loader: `node bin/run-ts.mjs path/to/file.ts [args…]`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bin/run-ts.mjs <file.ts> [args…]");
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);
