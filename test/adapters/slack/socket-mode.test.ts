import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { textReply } from "../../../src/core/reply.ts";
import { blockActionsPayload, newTriggerId } from "../../support/slack-requests.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";
import { createMemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

const APP_TOKEN = "xapp-1-A0FAKE-1-test";

// Slack's side of Socket Mode: apps.connections.open hands out a WebSocket URL, the server says
// hello, then sends envelopes that the app acknowledges with their envelope_id.
describe("Socket Mode", () => {
  let h: SlackHarness;
  let core: ScriptedCore;
  let wss: WebSocketServer;
  let socket: WebSocket;
  const acks: Record<string, unknown>[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await once(wss, "listening");
    const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    const connected = new Promise<WebSocket>((resolve) => {
      wss.on("connection", (ws) => {
        ws.on("message", (data) => acks.push(JSON.parse(String(data))));
        ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0FAKE" } }));
        resolve(ws);
      });
    });
    core = new ScriptedCore();
    core.onCommand = async (_ctx, command) => ({ reply: textReply(`ran ${command} over the socket`) });
    core.onAction = async () => ({ update: textReply("✓ Done over the socket") });
    h = await startSlackHarness({
      core,
      repos: createMemoryRepos(),
      env: { SLACK_APP_TOKEN: APP_TOKEN },
      beforeStart: (fake) => fake.on("apps.connections.open", () => ({ ok: true, url: wsUrl })),
    });
    socket = await connected;
  });
  afterAll(async () => {
    await h.close();
    wss.close();
  });

  it("connects with the app-level token and mounts no HTTP endpoint for events", () => {
    expect(h.fake.callsTo("apps.connections.open")[0]?.token).toBe(APP_TOKEN);
    expect(h.adapter.routes).toEqual([]);
  });

  it("acknowledges a slash command envelope and answers through the response_url", async () => {
    socket.send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "unused",
          team_id: TEAM.teamId,
          team_domain: TEAM.teamDomain,
          channel_id: "C0CLINIC",
          channel_name: "referrals",
          user_id: "U0ANA",
          user_name: "ana.lopez",
          command: "/nudges",
          text: "",
          api_app_id: "A0FAKE",
          is_enterprise_install: "false",
          response_url: h.fake.responseUrl("socket-1"),
          trigger_id: newTriggerId(),
        },
      }),
    );
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(acks.find((a) => a["envelope_id"] === "env-1")).toBeDefined();
    expect(answer?.body["text"]).toBe("ran nudges over the socket");
    expect(core.commands()[0]?.ctx.workspaceId).toBe("T0CLINIC");
  });

  it("handles a button click envelope the same way as over HTTP", async () => {
    const payload = blockActionsPayload({
      ...TEAM,
      actionId: "nudge.done#0",
      value: '{"n":"nudge-1"}',
      responseUrl: h.fake.responseUrl("socket-2"),
      container: { type: "message", channelId: "C0DIGEST", messageTs: "1700000042.000100" },
    });
    socket.send(
      JSON.stringify({ envelope_id: "env-2", type: "interactive", accepts_response_payload: false, payload }),
    );
    const [update] = await h.fake.waitForCalls("chat.update");
    expect(acks.find((a) => a["envelope_id"] === "env-2")).toBeDefined();
    expect(update?.body).toMatchObject({ channel: "C0DIGEST", text: "✓ Done over the socket" });
  });
});
