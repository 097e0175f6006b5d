import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLACK_BOT_SCOPES, SLACK_PATHS } from "../../../src/adapters/slack/create-slack-adapter.ts";
import { SLASH_COMMANDS, verbOf } from "../../../src/adapters/slack/listeners/commands/slash-commands.ts";
import { type SlackHarness, startSlackHarness } from "./support/harness.ts";
import { createMemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

interface ManifestCommand {
  command: string;
  url: string;
  description: string;
  usage_hint?: string;
  should_escape?: boolean;
}

const manifest = parse(readFileSync(new URL("../../../manifests/slack/manifest.yaml", import.meta.url), "utf8"));
const manifestCommands: ManifestCommand[] = manifest.features.slash_commands;

describe("the Slack app manifest", () => {
  it("declares exactly the commands the adapter registers, with the same descriptions and hints", () => {
    expect(manifestCommands.map((c) => [c.command, c.description, c.usage_hint])).toEqual(
      SLASH_COMMANDS.map((c) => [c.command, c.description, c.usageHint]),
    );
  });

  it("sends every command, button and event to the adapter's one events endpoint", () => {
    const endsAtEvents = expect.stringMatching(new RegExp(`^https://YOUR-HOST${SLACK_PATHS.events}$`));
    for (const c of manifestCommands) expect(c.url).toEqual(endsAtEvents);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: endsAtEvents });
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: endsAtEvents,
      bot_events: ["app_home_opened", "app_uninstalled", "tokens_revoked"],
    });
    expect(manifest.oauth_config.redirect_urls).toEqual([`https://YOUR-HOST${SLACK_PATHS.oauthRedirect}`]);
  });

  it("keeps to Slack's rules for commands: at most 50, names up to 32 characters with the slash", () => {
    expect(manifestCommands.length).toBeLessThanOrEqual(50);
    for (const c of manifestCommands) {
      expect(c.command).toMatch(/^\/[a-z][a-z0-9_-]{0,30}$/);
      expect(c.description.length).toBeGreaterThan(0);
    }
  });

  it("asks for the smallest set of bot scopes, the same the OAuth install requests", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
  });

  it("turns on the Home tab and the Messages tab", () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });
});

describe("the commands the manifest declares", () => {
  let h: SlackHarness;
  let core: ScriptedCore;

  beforeAll(async () => {
    core = new ScriptedCore();
    h = await startSlackHarness({ core, repos: createMemoryRepos() });
  });
  afterAll(() => h.close());

  it("each reach the core as its verb through the running adapter", async () => {
    for (const c of manifestCommands) await h.command({ command: c.command, text: "Dr. Lee" });
    await h.fake.waitForCalls("response_url", manifestCommands.length);
    expect(
      core
        .commands()
        .map((c) => c.command)
        .sort(),
    ).toEqual(manifestCommands.map((c) => verbOf(c.command)).sort());
  });
});
