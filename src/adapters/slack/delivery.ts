// The daily digest into Slack: the practice's digest channel(s) and each physician's DM.
// Each target is sent on its own and throws on its own, so the scheduler retries one failing
// channel without holding up the others. 429s wait out Retry-After inside the WebClient.
import type { Digest } from "../../core/digest/digest-model.ts";
import { digestRecipients, type RecipientOptions } from "../../core/digest/digest-recipients.ts";
import type { ChatDelivery, DeliveryTarget, Repositories, WorkspaceLink } from "../../core/ports.ts";
import type { Reply } from "../../core/reply.ts";
import type { Logger } from "../../logging/logger.ts";
import { renderMessage } from "./render/guarded.ts";
import type { WebClientPool } from "./slack-client.ts";

export class SlackDeliveryError extends Error {
  constructor(
    readonly code: "SLACK_NO_WORKSPACE" | "SLACK_NO_TOKEN" | "SLACK_NO_MEMBER" | "SLACK_DM_FAILED",
    message: string,
  ) {
    super(message);
  }
}

/** Where the bot token for a workspace comes from: one fixed token, or the workspace's installation. */
export interface SlackTokenSource {
  tokenFor(workspace: WorkspaceLink | null): Promise<string | null>;
}

export interface SlackDeliveryOptions {
  repos: Pick<Repositories, "workspaces" | "members">;
  clients: WebClientPool;
  tokens: SlackTokenSource;
  renderDigest: (digest: Digest) => Reply;
  logger: Logger;
}

const DM_CHANNEL = /^D[A-Z0-9]+$/;

export function createSlackDelivery(opts: SlackDeliveryOptions): ChatDelivery {
  const { repos, clients, tokens, logger } = opts;

  async function slackLinks(practiceId: string): Promise<WorkspaceLink[]> {
    return (await repos.workspaces.listForPractice(practiceId)).filter((l) => l.platform === "slack");
  }

  /**
   * The workspace a message goes through: a channel's own, a person's the one they were last seen in
   * (a practice may have several Slack workspaces, and a bot token reaches only its own); else the first.
   */
  async function clientFor(practiceId: string, target: DeliveryTarget) {
    const links = await slackLinks(practiceId);
    const member = target.memberId ? await repos.members.findById(target.memberId) : null;
    const link =
      (member
        ? links.find((l) => l.externalId === member.workspaceExternalId)
        : links.find((l) => l.digestConversation === target.address)) ??
      links[0] ??
      null;
    const token = await tokens.tokenFor(link);
    if (!token) {
      throw new SlackDeliveryError(
        "SLACK_NO_TOKEN",
        `No Slack bot token for practice ${practiceId} (is the app installed?)`,
      );
    }
    return clients.get(token);
  }

  async function dmChannelFor(client: ReturnType<WebClientPool["get"]>, target: DeliveryTarget): Promise<string> {
    if (DM_CHANNEL.test(target.address)) return target.address;
    const memberId = target.memberId as string;
    const known = await repos.members.getDmConversation(memberId);
    if (known) return known;
    const member = await repos.members.findById(memberId);
    if (member?.platform !== "slack") {
      throw new SlackDeliveryError("SLACK_NO_MEMBER", `Member ${memberId} is not a Slack member`);
    }
    const opened = await client.conversations.open({ users: member.externalUserId });
    const channel = opened.channel?.id;
    if (!channel) throw new SlackDeliveryError("SLACK_DM_FAILED", `conversations.open gave no channel for ${memberId}`);
    // Remembered so that tomorrow's digest goes straight to the DM.
    await repos.members.setDmConversation(memberId, channel);
    return channel;
  }

  async function targetsFor(practiceId: string, opts: RecipientOptions = {}): Promise<DeliveryTarget[]> {
    const members = await repos.members.listForPractice(practiceId);
    const dms = await repos.members.dmConversations(practiceId, "slack");
    const recipients = digestRecipients("slack", await slackLinks(practiceId), members, dms, opts);
    return recipients.map(
      (r): DeliveryTarget =>
        r.kind === "conversation"
          ? { platform: "slack", key: `slack:${r.conversation}`, address: r.conversation }
          : // Until the DM is opened (in deliver, where a failure stays with this one target) the user id stands in.
            {
              platform: "slack",
              key: `slack:dm:${r.memberId}`,
              address: r.dm ?? r.externalUserId,
              memberId: r.memberId,
            },
    );
  }

  async function post(practiceId: string, target: DeliveryTarget, reply: Reply, fallback?: string): Promise<void> {
    const client = await clientFor(practiceId, target);
    const channel = target.memberId ? await dmChannelFor(client, target) : target.address;
    const message = renderMessage(reply, logger);
    await client.chat.postMessage({
      channel,
      text: message.text || fallback || " ",
      blocks: message.blocks,
      unfurl_links: false,
    });
  }

  return {
    platform: "slack",

    async targets(practiceId) {
      return targetsFor(practiceId);
    },

    async cardTargets(practiceId, role) {
      return targetsFor(practiceId, { personRole: role, conversations: false });
    },

    async send(target, message) {
      await post(message.practiceId, target, message.reply, message.summary);
      logger.info({ target: target.key, practiceId: message.practiceId }, "slack message delivered");
    },

    async deliver(target, digest) {
      await post(digest.practiceId, target, opts.renderDigest(digest));
      logger.info({ target: target.key, practiceId: digest.practiceId }, "slack digest delivered");
    },
  };
}
