// What can be checked of the deployment files on a machine that cannot pull images: the compose file
// parses and wires PostgreSQL, two bot instances, a volume and health checks; .env.example lists every
// variable the configuration reads (and nothing else); the image starts the bot the way `npm start` and the
// shutdown test do; and an installation without sources (the image) runs its compiled build.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildIsFresh } from "../../bin/compiled.mjs";
import { ZConfig } from "../../src/config/config.ts";

const read = (path: string) => readFileSync(path, "utf8");

describe("the deployment files", () => {
  it("compose.yaml runs PostgreSQL and two bot instances on it, each with a health check and its own name", () => {
    // Compose applies YAML merge keys (`<<: *bot`), so the test does too.
    const compose = parse(read("compose.yaml"), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string>; healthcheck?: unknown; depends_on?: unknown }>;
      volumes: Record<string, unknown>;
    };
    const { db, "bot-1": one, "bot-2": two } = compose.services;
    expect(db?.healthcheck).toBeDefined();
    for (const bot of [one, two]) {
      expect(bot?.healthcheck).toBeDefined();
      expect(bot?.environment?.["DATABASE_URL"]).toMatch(/^postgresql:\/\/.*@db:5432\//);
      expect(bot?.depends_on).toEqual({ db: { condition: "service_healthy" } });
    }
    expect(new Set([one?.environment?.["INSTANCE_ID"], two?.environment?.["INSTANCE_ID"]]).size).toBe(2);
    expect(Object.keys(compose.volumes)).toContain("pgdata");
  });

  it(".env.example lists every variable the configuration reads, and only those", () => {
    const listed = [...read(".env.example").matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(Object.keys(ZConfig.shape)));
  });

  it("the image runs the compiled server as node itself, as a non-root user, the command npm start runs", () => {
    const dockerfile = read("Dockerfile");
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? "[]")).toEqual(["node", "bin/referral-nudge.mjs", "serve"]);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^FROM node:24/m);
    const start = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts["start"];
    expect(start).toBe("exec node bin/referral-nudge.mjs serve");
  });

  it("an installation without sources runs its build; a checkout whose sources changed does not", () => {
    const root = mkdtempSync(join(tmpdir(), "referral-nudge-image-"));
    try {
      mkdirSync(join(root, "dist"));
      writeFileSync(join(root, "dist", ".build-stamp"), "built\n");
      const yesterday = new Date(Date.now() - 86_400_000);
      utimesSync(join(root, "dist", ".build-stamp"), yesterday, yesterday);
      expect(buildIsFresh(root)).toBe(true);
      mkdirSync(join(root, "src"));
      writeFileSync(join(root, "tsconfig.build.json"), "{}");
      writeFileSync(join(root, "src", "changed.ts"), "export {};\n");
      expect(buildIsFresh(root)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
