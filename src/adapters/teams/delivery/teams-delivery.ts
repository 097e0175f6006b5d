// ChatDelivery for Teams: where a practice's digest goes (the chats where someone typed "digest
// here", plus each physician's personal chat with the bot) and how it gets there (a proactive
// message, paced per conversation and retried on Teams' transient answers).
import { z } from "zod/v4";
import type { ChartModel } from "../../../core/charts/chart-model.ts";
import type { Digest } from "../../../core/digest/digest-model.ts";
import { digestRecipients, type RecipientOptions } from "../../../core/digest/digest-recipients.ts";
import type { ChatDelivery, DeliveryTarget, Repositories } from "../../../core/ports.ts";
import type { Reply } from "../../../core/reply.ts";
import type { Logger } from "../../../logging/logger.ts";
import { digestCard, type RenderDigest } from "../cards/digest-card.ts";
import { digestRefresh, withRefresh } from "../cards/refresh.ts";
import { knownTeamsUserIds } from "../handlers/refresh-users.ts";
import type { AdaptiveCard } from "../render/adaptive-card.ts";
import { replyToCard } from "../render/reply-to-card.ts";
import type { ConversationPacer, PacerClock } from "./conversation-pacer.ts";
import { type RetryPolicy, sendWithRetry, statusOf } from "./send-with-retry.ts";

/** Sends one card to a stored conversation reference (JSON); throws the connector's error. */
export type SendCard = (reference: StoredReference, card: AdaptiveCard, summary: string) => Promise<void>;

const ZAccount = z.looseObject({ id: z.string(), name: z.string().nullish() });

/**
 * What we need from a stored conversation reference; a corrupt one fails clearly, without retries.
 * The botbuilder version stored `TurnContext.getConversationReference` (user, bot, conversation,
 * channelId, locale, serviceUrl), which is the Teams SDK's ConversationReference too: a reference
 * stored before the move reads as one stored after it (see conversationReferenceJson).
 */
export const ZStoredReference = z.looseObject({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1), tenantId: z.string().nullish() }),
  bot: ZAccount.optional(),
  user: ZAccount.optional(),
  locale: z.string().optional(),
  // botbuilder kept the message a reference was taken from; a digest is never a reply to it.
  activityId: z.string().optional(),
});
export type StoredReference = z.infer<typeof ZStoredReference>;

export class BadConversationReferenceError extends Error {
  readonly code = "TEAMS_BAD_CONVERSATION_REFERENCE";
}

export function parseStoredReference(json: string): StoredReference {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new BadConversationReferenceError("The stored Teams conversation reference is not JSON");
  }
  const parsed = ZStoredReference.safeParse(raw);
  if (!parsed.success) throw new BadConversationReferenceError("The stored Teams conversation reference is incomplete");
  const { activityId: _activityId, ...reference } = parsed.data;
  return reference;
}

export interface TeamsDeliveryOptions {
  repos: Repositories;
  logger: Logger;
  send: SendCard;
  renderDigest: RenderDigest;
  /** Each chart's image URL (a digest's going-quiet trends, the manager's week); else the chart's words. */
  chartUrl?: (chart: ChartModel) => string | null;
  pacer: ConversationPacer;
  /** Teams answered 403 or 404: the bot was removed from that chat, so its stored reference is dropped. */
  onGone?: (reference: StoredReference, target: DeliveryTarget) => Promise<void>;
  retry?: { policy?: RetryPolicy; clock?: PacerClock; random?: () => number };
}

export function createTeamsDelivery(opts: TeamsDeliveryOptions): ChatDelivery {
  const { repos, logger } = opts;
  const drawing = opts.chartUrl ? { chartUrl: opts.chartUrl } : {};

  const delivery: ChatDelivery = {
    platform: "teams",

    async targets(practiceId: string): Promise<DeliveryTarget[]> {
      return targetsFor(practiceId);
    },

    async cardTargets(practiceId, role) {
      return targetsFor(practiceId, { personRole: role, conversations: false });
    },

    async send(target, message) {
      if (target.platform !== "teams") throw new Error(`Teams delivery got a ${target.platform} target`);
      await sendCard(target, replyToCard(message.reply, drawing), message.summary);
    },

    async deliverToMember(practiceId: string, memberId: string, reply: Reply): Promise<void> {
      const member = await repos.members.findById(memberId);
      const dm =
        member?.platform === "teams" && member.practiceId === practiceId
          ? await repos.members.getDmConversation(memberId)
          : null;
      // A personal chat is known only once they have talked to the bot (or it was installed for them).
      if (!dm) throw new Error(`No Teams personal chat is known for member ${memberId}`);
      const reference = parseStoredReference(dm);
      const card = replyToCard(reply, drawing);
      await sendWithRetry(
        () => opts.pacer.run(reference.conversation.id, () => opts.send(reference, card, reply.headline)),
        {
          ...opts.retry,
        },
      );
    },

    async deliver(target: DeliveryTarget, digest: Digest): Promise<void> {
      if (target.platform !== "teams") throw new Error(`Teams delivery got a ${target.platform} target`);
      const reference = parseStoredReference(target.address);
      // Refreshes by itself for the physician in their personal chat, and for the practice's known
      // Teams users in a shared one, so each sees the nudges others have done since (cards/refresh.ts).
      const viewers =
        target.memberId && reference.user?.id ? [reference.user.id] : await knownTeamsUserIds(repos, digest.practiceId);
      const card = withRefresh(digestCard(digest, opts.renderDigest, drawing), digestRefresh(digest, viewers));
      await sendCard(target, card, `Referral digest for ${digest.localDate}`);
    },
  };

  return delivery;

  async function targetsFor(practiceId: string, recipientOptions: RecipientOptions = {}): Promise<DeliveryTarget[]> {
    const [members, dms, links] = await Promise.all([
      repos.members.listForPractice(practiceId),
      repos.members.dmConversations(practiceId, "teams"),
      repos.workspaces.listForPractice(practiceId),
    ]);
    const targets: DeliveryTarget[] = [];
    for (const r of digestRecipients("teams", links, members, dms, recipientOptions)) {
      if (r.kind === "person") {
        // A physician's chat is known only once they have talked to the bot (or it was installed for them).
        if (r.dm)
          targets.push({ platform: "teams", key: `teams:dm:${r.memberId}`, address: r.dm, memberId: r.memberId });
        continue;
      }
      const conversationId = conversationIdOf(r.conversation);
      if (!conversationId) {
        logger.warn({ workspaceId: r.workspaceId }, "ignoring a Teams digest conversation that cannot be read");
        continue;
      }
      targets.push({ platform: "teams", key: `teams:conv:${conversationId}`, address: r.conversation });
    }
    return targets;
  }

  /** One card to one stored conversation, paced and retried; a chat that is gone (403, 404) is forgotten. */
  async function sendCard(target: DeliveryTarget, card: AdaptiveCard, summary: string): Promise<void> {
    const reference = parseStoredReference(target.address);
    try {
      await sendWithRetry(() => opts.pacer.run(reference.conversation.id, () => opts.send(reference, card, summary)), {
        ...opts.retry,
        onRetry: ({ attempt, status, delayMs }) =>
          logger.warn({ target: target.key, attempt, status, delayMs }, "Teams asked us to slow down; retrying"),
      });
    } catch (error) {
      const status = statusOf(error);
      if ((status === 403 || status === 404) && opts.onGone) {
        logger.warn({ target: target.key, status }, "the bot can no longer post to this Teams chat; forgetting it");
        await opts.onGone(reference, target).catch((forgetError: unknown) => {
          logger.error({ err: forgetError, target: target.key }, "could not forget the Teams chat");
        });
      }
      throw error;
    }
  }
}

function conversationIdOf(json: string): string | null {
  try {
    return parseStoredReference(json).conversation.id;
  } catch {
    return null;
  }
}
