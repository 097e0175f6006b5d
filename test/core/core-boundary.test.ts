import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = new URL("../../src/core/", import.meta.url).pathname;
const ADAPTERS = new URL("../../src/", import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");

describe("the architecture", () => {
  it("keeps src/core free of Slack, Teams, botbuilder, Prisma, node-cron and the database layer", () => {
    const offenders = filesUnder(CORE).flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            /^(@slack\/|@microsoft\/|botbuilder|@prisma\/|prisma|node-cron|pg$)/.test(spec) || spec.includes("/db/"),
        )
        .map((spec) => `${file.slice(CORE.length)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps every teams-ai and botbuilder import inside src/adapters/teams", () => {
    const offenders = filesUnder(ADAPTERS)
      .filter((file) => !file.includes("/adapters/teams/") && !file.includes("/db/generated/"))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => /^(@microsoft\/teams-ai|botbuilder|botframework)/.test(spec))
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps Bolt inside src/adapters/slack", () => {
    const offenders = filesUnder(ADAPTERS)
      .filter((file) => !file.includes("/adapters/slack/"))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => spec.startsWith("@slack/"))
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
