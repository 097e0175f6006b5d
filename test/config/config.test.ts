import { describe, expect, it } from "vitest";
import { ConfigError, listenHost, loadConfig, slackMode, teamsMode } from "../../src/config/config.ts";

describe("configuration", () => {
  it("starts with no variables at all, on SQLite, with Slack and Teams off", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe("file:./data/referral-nudge.db");
    expect(config.PORT).toBe(3000);
    expect(slackMode(config)).toBe("off");
    expect(teamsMode(config)).toBe("off");
  });

  it("lists every bad or missing variable in one error", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SLACK_BOT_TOKEN: "xoxb-1", MICROSOFT_APP_ID: "abc" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL: must start with "file:"/);
    expect(problems).toMatch(/SLACK_SIGNING_SECRET: is required/);
    expect(problems).toMatch(/MICROSOFT_APP_PASSWORD/);
  });

  it("treats empty strings from a .env file as unset", () => {
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" }))).toBe("off");
  });

  it("picks single-workspace, OAuth and Socket Mode from the variables given", () => {
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }))).toBe("single");
    expect(
      slackMode(
        loadConfig({
          SLACK_CLIENT_ID: "1",
          SLACK_CLIENT_SECRET: "2",
          SLACK_STATE_SECRET: "3",
          SLACK_SIGNING_SECRET: "s",
          ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
        }),
      ),
    ).toBe("oauth");
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }))).toBe("socket");
  });
});

describe("Teams local mode", () => {
  it("runs only when TEAMS_LOCAL=1 asks for it, and then listens on loopback whatever HOST says", () => {
    const local = loadConfig({ TEAMS_LOCAL: "1", HOST: "0.0.0.0" });
    expect(teamsMode(local)).toBe("local");
    expect(listenHost(local)).toBe("127.0.0.1");
    expect(listenHost(loadConfig({ TEAMS_LOCAL: "1", HOST: "::1" }))).toBe("::1");
    expect(listenHost(loadConfig({ HOST: "0.0.0.0" }))).toBe("0.0.0.0");
    expect(teamsMode(loadConfig({ TEAMS_LOCAL: "0" }))).toBe("off");
  });

  it("is refused together with Microsoft credentials, and says which to unset", () => {
    expect(() => loadConfig({ TEAMS_LOCAL: "1", MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "secret" })).toThrow(
      /TEAMS_LOCAL: local mode is Teams without Microsoft sign-in/,
    );
  });

  it("refuses a value it does not understand and says what to type", () => {
    expect(() => loadConfig({ TEAMS_LOCAL: "yes please" })).toThrow(/TEAMS_LOCAL=1/);
  });
});
