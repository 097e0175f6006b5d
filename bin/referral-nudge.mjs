#!/usr/bin/env -S node --max-semi-space-size=64
// The referral-nudge command. The sources are TypeScript, run through tsx's loader (no build step).
// A 64 MB young generation (V8's default is 16 MB; the flag must be given at start): an import makes
// a few short-lived objects per cell, and with room for them 100,000 rows spend a second less on
// garbage collection.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
