// Which layer may import which. Every source file under src is read and its imports taken by the TypeScript
// scanner (static imports, `export … from`, `import type`, dynamic `import("…")` and `require`, never a
// comment or a string), each resolved to the layer it lands in. The first tests prove the reader itself
// catches each kind of import, so the rules below cannot pass by reading nothing.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

/** The layer of a path under src: its first folder, or "adapters/slack" and "adapters/teams". */
function layerOf(path: string): string | null {
  const rel = relative(SRC, path);
  if (rel.startsWith("..")) return null;
  const [first, second] = rel.split("/");
  if (first === "adapters" && second) return `adapters/${second}`;
  return first && rel.includes("/") ? first : "(root)";
}

interface ImportOf {
  /** As written. */
  spec: string;
  /** The layer a relative import lands in; null for a package. */
  layer: string | null;
}

/** Every import of one source text, relative ones resolved against the file's folder. */
function importsOf(file: string, text: string): ImportOf[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: spec }) => ({
    spec,
    layer: spec.startsWith(".") ? layerOf(resolve(dirname(file), spec)) : null,
  }));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

const FILES = sourceFiles(SRC).map((path) => ({
  path,
  layer: layerOf(path),
  imports: importsOf(path, readFileSync(path, "utf8")),
}));

const CHAT_SDKS = /^(@slack\/|@microsoft\/|botbuilder|botframework)/;
const DATABASE_PACKAGES = /^(@prisma\/|prisma$|@libsql\/|pg$|pg\/)/;

interface Rule {
  /** Files of these layers… */
  layers: string[];
  /** …import nothing from these layers… */
  notLayers: string[];
  /** …nor these packages. */
  notPackages?: RegExp;
}

/** What breaks the rule, one line per import: "src/db/x.ts imports ../scheduler/y.ts". */
function offenders(rule: Rule): string[] {
  return FILES.filter((f) => f.layer !== null && rule.layers.includes(f.layer)).flatMap((f) =>
    f.imports
      .filter((i) => (i.layer !== null ? rule.notLayers.includes(i.layer) : Boolean(rule.notPackages?.test(i.spec))))
      .map((i) => `${relative(ROOT, f.path)} imports ${i.spec}`),
  );
}

describe("the import reader", () => {
  const fake = join(SRC, "db", "fake.ts");
  const text = [
    'import { a } from "../scheduler/a.ts";',
    'import type { B } from "../import/b.ts";',
    'export * from "../adapters/slack/c.ts";',
    'const d = await import("../demo/d.ts");',
    'const e = await import(\n  "@prisma/client"\n);',
    '// import { f } from "../cli/f.ts";',
    'const g = "import { g } from \\"../app/g.ts\\"";',
  ].join("\n");

  it("finds static, type-only, re-exported and dynamic imports, and resolves each to its layer", () => {
    expect(importsOf(fake, text)).toEqual([
      { spec: "../scheduler/a.ts", layer: "scheduler" },
      { spec: "../import/b.ts", layer: "import" },
      { spec: "../adapters/slack/c.ts", layer: "adapters/slack" },
      { spec: "../demo/d.ts", layer: "demo" },
      { spec: "@prisma/client", layer: null },
    ]);
  });

  it("reads every source file under src, in every layer", () => {
    const layers = new Set(FILES.map((f) => f.layer));
    for (const layer of [
      "core",
      "db",
      "adapters/slack",
      "adapters/teams",
      "import",
      "demo",
      "scheduler",
      "cli",
      "app",
    ]) {
      expect(layers).toContain(layer);
    }
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES.flatMap((f) => f.imports).length).toBeGreaterThan(500);
  });
});

describe("the architecture", () => {
  it("keeps src/core free of chat SDKs, Prisma, database drivers, node-cron and every other layer", () => {
    expect(
      offenders({
        layers: ["core"],
        notLayers: ["db", "adapters/slack", "adapters/teams", "scheduler", "import", "demo", "cli", "app", "http"],
        notPackages: new RegExp(`${CHAT_SDKS.source}|${DATABASE_PACKAGES.source}|^node-cron$`),
      }),
    ).toEqual([]);
  });

  it("keeps src/db from importing the scheduler, the import, the demo, the adapters, the CLI or the app", () => {
    expect(
      offenders({
        layers: ["db"],
        notLayers: ["scheduler", "import", "demo", "adapters/slack", "adapters/teams", "cli", "app", "http"],
        notPackages: CHAT_SDKS,
      }),
    ).toEqual([]);
  });

  it("keeps the chat adapters off the database: they reach it through the core's ports", () => {
    expect(
      offenders({
        layers: ["adapters/slack", "adapters/teams"],
        notLayers: ["db", "import", "demo", "cli", "app"],
        notPackages: DATABASE_PACKAGES,
      }),
    ).toEqual([]);
  });

  it("keeps the Slack and Teams adapters apart", () => {
    expect(
      offenders({
        layers: ["adapters/slack"],
        notLayers: ["adapters/teams"],
        notPackages: /^(botbuilder|botframework|@microsoft\/teams)/,
      }),
    ).toEqual([]);
    expect(offenders({ layers: ["adapters/teams"], notLayers: ["adapters/slack"], notPackages: /^@slack\// })).toEqual(
      [],
    );
  });

  it("keeps the import and the demo off the database: they reach it through the core's ports", () => {
    expect(
      offenders({
        layers: ["import", "demo"],
        notLayers: ["db", "adapters/slack", "adapters/teams", "scheduler", "cli", "app"],
        notPackages: new RegExp(`${CHAT_SDKS.source}|${DATABASE_PACKAGES.source}`),
      }),
    ).toEqual([]);
  });

  it("keeps the scheduler off the database and the adapters: its stores and deliveries are passed in", () => {
    expect(
      offenders({
        layers: ["scheduler"],
        notLayers: ["db", "adapters/slack", "adapters/teams", "import", "demo", "cli", "app"],
        notPackages: new RegExp(`${CHAT_SDKS.source}|${DATABASE_PACKAGES.source}`),
      }),
    ).toEqual([]);
  });

  it("keeps every chat SDK inside its adapter", () => {
    const outside = FILES.filter((f) => !f.layer?.startsWith("adapters/")).flatMap((f) =>
      f.imports
        .filter((i) => i.layer === null && CHAT_SDKS.test(i.spec))
        .map((i) => `${relative(ROOT, f.path)} imports ${i.spec}`),
    );
    expect(outside).toEqual([]);
  });
});
