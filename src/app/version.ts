// The version this copy of Referral Nudge is: package.json's, shown by /healthz and `referral-nudge --version`.
import { readFileSync } from "node:fs";

export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
