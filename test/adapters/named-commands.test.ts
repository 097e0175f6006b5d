// What the README and the app manifests tell people to type exists: every `/command` they name is one
// Slack has registered (the replies themselves are checked in every-command.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SLASH_COMMANDS } from "../../src/adapters/slack/listeners/commands/slash-commands.ts";
import { COMMAND_CATALOGUE } from "../../src/core/commands/catalogue.ts";
import { UMBRELLA_COMMAND } from "../../src/core/commands/command-names.ts";
import { slashCommandsNamedIn, unregisteredCommandsIn } from "./support/registered-commands.ts";

const REGISTERED = SLASH_COMMANDS.map((c) => c.command);
const DOCUMENTS = [
  "README.md",
  "manifests/slack/README.md",
  "manifests/slack/manifest.yaml",
  "manifests/teams/manifest.json",
];

describe("commands named in the documents", () => {
  it.each(DOCUMENTS)("%s names only registered slash commands", (path) => {
    expect(unregisteredCommandsIn(readFileSync(path, "utf8"), REGISTERED)).toEqual([]);
  });

  it("README.md documents every command of the catalogue", () => {
    const readme = readFileSync("README.md", "utf8");
    const missing = COMMAND_CATALOGUE.map((c) =>
      c.umbrellaOnly ? `/${UMBRELLA_COMMAND} ${c.name}` : `/${c.name}`,
    ).filter((c) => !readme.includes(`\`${c} `) && !readme.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });

  it("finds a command in running text and ignores paths and URLs", () => {
    expect(slashCommandsNamedIn("Type `/thanked Dr. Lee`, not /slack/events or https://x.example/api.")).toEqual([
      "/thanked",
    ]);
    expect(unregisteredCommandsIn("log it with /returned Dr. Lee", REGISTERED)).toEqual(["/returned"]);
  });
});
