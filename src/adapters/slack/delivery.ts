// The daily digest into Slack: the practice's digest channel(s) and each physician's DM.
// Each target is sent on its own and throws on its own, so the scheduler retries one failing
// channel without holding up the others. 429s wait out Retry-After inside the WebClient.
import type { ChartImages } from "../../charts/chart-images.ts";
import type { Digest } from "../../core/digest/digest-model.ts";
import { digestRecipients, type RecipientOptions } from "../../core/digest/digest-recipients.ts";
import type { ChatDelivery, DeliveryTarget, Repositories, WorkspaceLink } from "../../core/ports.ts";
import type { Reply } from "../../core/reply.ts";
import type { Logger } from "../../logging/logger.ts";
import { slackChartImages } from "./chart-images.ts";
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
  /** Draws the charts of what is sent (a digest's going-quiet trends, the manager's week); else their words. */
  charts?: ChartImages;
  logger: Logger;
}

const DM_CHANNEL = /^D[A-Z0-9]+$/;
/** The event type of the metadata each digest message carries, so a later attempt can find it (alreadyHas). */
export const DIGEST_METADATA_TYPE = "referral_nudge_digest";
/** Messages read back at most when looking for a digest already posted: a claim is minutes old, not days. */
const HISTORY_LIMIT = 200;

interface DigestMessageMetadata {
  event_type: typeof DIGEST_METADATA_TYPE;
  event_payload: { run_id: string; target: string };
}

function digestMetadata(target: DeliveryTarget, digest: Digest): DigestMessageMetadata | undefined {
  return digest.runId
    ? { event_type: DIGEST_METADATA_TYPE, event_payload: { run_id: digest.runId, target: target.key } }
    : undefined;
}

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
    return { client: clients.get(token), workspace: link?.externalId ?? practiceId };
  }

  /** The message as Slack blocks, its charts linked or uploaded to the workspace it goes through. */
  async function messageFor(sender: Awaited<ReturnType<typeof clientFor>>, reply: Reply) {
    const images = await slackChartImages(opts.charts, sender.client, sender.workspace, reply, logger);
    return renderMessage(reply, logger, images);
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

  /** Posts one reply to a target; `fallback` is the notification text when the reply has none of its own. */
  async function post(
    practiceId: string,
    target: DeliveryTarget,
    reply: Reply,
    extra: { fallback?: string; metadata?: DigestMessageMetadata | undefined } = {},
  ): Promise<void> {
    const sender = await clientFor(practiceId, target);
    const { client } = sender;
    const channel = target.memberId ? await dmChannelFor(client, target) : target.address;
    const message = await messageFor(sender, reply);
    await client.chat.postMessage({
      channel,
      text: message.text || extra.fallback || " ",
      blocks: message.blocks,
      unfurl_links: false,
      ...(extra.metadata ? { metadata: extra.metadata } : {}),
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
      await post(message.practiceId, target, message.reply, { fallback: message.summary });
      logger.info({ target: target.key, practiceId: message.practiceId }, "slack message delivered");
    },

    async deliverToMember(practiceId, memberId, reply) {
      const member = await repos.members.findById(memberId);
      if (member?.platform !== "slack" || member.practiceId !== practiceId) {
        throw new SlackDeliveryError("SLACK_NO_MEMBER", `Member ${memberId} is not a Slack member of the practice`);
      }
      const target: DeliveryTarget = {
        platform: "slack",
        key: `slack:dm:${memberId}`,
        address: member.externalUserId,
        memberId,
      };
      const sender = await clientFor(practiceId, target);
      const { client } = sender;
      const channel = await dmChannelFor(client, target);
      const message = await messageFor(sender, reply);
      await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
      logger.info({ target: target.key, practiceId }, "slack message delivered to a member");
    },

    async deliver(target, digest) {
      await post(digest.practiceId, target, opts.renderDigest(digest), { metadata: digestMetadata(target, digest) });
      logger.info({ target: target.key, practiceId: digest.practiceId }, "slack digest delivered");
    },

    /**
     * Reads the channel's messages since the claim (needs channels:history, groups:history or im:history;
     * an install without them answers missing_scope, and the digest is then sent) and looks for this
     * run's metadata on one of them. Only the metadata is looked at; no message text is kept or logged.
     */
    async alreadyHas(target, digest, since) {
      const wanted = digestMetadata(target, digest);
      if (!wanted) return false;
      const { client } = await clientFor(digest.practiceId, target);
      const channel = target.memberId ? await dmChannelFor(client, target) : target.address;
      try {
        const history = await client.conversations.history({
          channel,
          oldest: (since.getTime() / 1000).toFixed(6),
          limit: HISTORY_LIMIT,
          include_all_metadata: true,
        });
        return (history.messages ?? []).some((m) => {
          const found = m.metadata as DigestMessageMetadata | undefined;
          return (
            found?.event_type === DIGEST_METADATA_TYPE &&
            found.event_payload?.run_id === wanted.event_payload.run_id &&
            found.event_payload?.target === wanted.event_payload.target
          );
        });
      } catch (error) {
        logger.warn(
          { target: target.key, practiceId: digest.practiceId, err: slackErrorCode(error) },
          "cannot read the channel back to see whether the digest is there already; sending it",
        );
        return false;
      }
    },
  };
}

/** Slack's error code (missing_scope, not_in_channel), never the request: that holds the token. */
function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : error instanceof Error ? error.name : "unknown";
}
