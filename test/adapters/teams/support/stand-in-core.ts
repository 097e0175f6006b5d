// A small stand-in for the core and its repositories, in memory, until the lead's
// test/support/test-app.ts (real core, real SQLite) exists. It behaves like the core where the
// adapter's promises depend on it: a practice per tenant, idempotent logging by requestKey, and
// re-checking that a clicked nudge belongs to the clicker's practice.
import type { ActionResult, ChatContext, ChatCore } from "../../../../src/core/chat-api.ts";
import type { Actor, Member } from "../../../../src/core/model.ts";
import type { MemberRepository, Repositories, WorkspaceLink, WorkspaceRepository } from "../../../../src/core/ports.ts";
import { errorReply, type Reply, type ReplySection, textReply } from "../../../../src/core/reply.ts";

export interface StandInTouch {
  practiceId: string;
  nudgeId: string;
  actorName: string;
  idempotencyKey: string;
}

export interface StandIn {
  core: ChatCore;
  repos: Repositories;
  /** Touches logged, one per distinct request key. */
  touches: StandInTouch[];
  /** Open nudges by id, with the practice each belongs to. */
  nudges: Map<string, { practiceId: string; referrerName: string; status: "open" | "done" }>;
  /** Adds a nudge to the practice of a tenant (linking the tenant if needed). */
  addNudge(tenantId: string, nudgeId: string, referrerName: string): Promise<void>;
  forms: { kind: string; metadata: string; values: Record<string, unknown> }[];
}

export function createStandIn(): StandIn {
  const links: WorkspaceLink[] = [];
  const members: (Member & { dm: string | null })[] = [];
  const touches: StandInTouch[] = [];
  const forms: StandIn["forms"] = [];
  const nudges: StandIn["nudges"] = new Map();

  const workspaces: WorkspaceRepository = {
    async find(platform, externalId) {
      return links.find((l) => l.platform === platform && l.externalId === externalId) ?? null;
    },
    async getOrLink(platform, externalId, opts = {}) {
      const found = await workspaces.find(platform, externalId);
      if (found) return found;
      const link: WorkspaceLink = {
        id: `ws-${links.length + 1}`,
        practiceId: opts.practiceId ?? (opts.joinDefault ? "practice-default" : `practice-${links.length + 1}`),
        platform,
        externalId,
        name: opts.name ?? null,
        digestConversation: null,
      };
      links.push(link);
      return link;
    },
    async setDigestConversation(id, conversation) {
      const link = links.find((l) => l.id === id);
      if (link) link.digestConversation = conversation;
    },
    async listForPractice(practiceId) {
      return links.filter((l) => l.practiceId === practiceId);
    },
    async recordInstaller(platform, externalId, userId) {
      const link = await workspaces.find(platform, externalId);
      if (!link || link.installedBy) return false;
      link.installedBy = userId;
      return true;
    },
    async installerOf(platform, externalId) {
      return (await workspaces.find(platform, externalId))?.installedBy ?? null;
    },
    listAll: notUsed,
    linkToPractice: notUsed,
    unlink: notUsed,
    saveInstallation: notUsed,
    findInstallation: notUsed,
    deleteInstallation: notUsed,
    markUninstalled: notUsed,
  };

  const memberRepo: MemberRepository = {
    async upsert({ practiceId, platform, externalUserId, displayName, workspaceExternalId }) {
      let member = members.find(
        (m) => m.practiceId === practiceId && m.platform === platform && m.externalUserId === externalUserId,
      );
      if (!member) {
        member = {
          id: `member-${members.length + 1}`,
          practiceId,
          platform,
          externalUserId,
          displayName,
          role: "physician",
          workspaceExternalId,
          dm: null,
        };
        members.push(member);
      }
      member.displayName = displayName;
      member.workspaceExternalId = workspaceExternalId;
      return { ...member };
    },
    async setRole(memberId, role) {
      const member = members.find((m) => m.id === memberId);
      if (!member) throw new Error("no member");
      member.role = role;
      return { ...member };
    },
    async findById(id) {
      return members.find((m) => m.id === id) ?? null;
    },
    async listForPractice(practiceId) {
      return members.filter((m) => m.practiceId === practiceId);
    },
    async setDmConversation(memberId, conversation) {
      const member = members.find((m) => m.id === memberId);
      if (member) member.dm = conversation;
    },
    async getDmConversation(memberId) {
      return members.find((m) => m.id === memberId)?.dm ?? null;
    },
    async dmConversations(practiceId, platform) {
      const known = members.filter((m) => m.practiceId === practiceId && m.platform === platform && m.dm);
      return new Map(known.map((m) => [m.id, m.dm as string]));
    },
  };

  const repos = {
    workspaces,
    members: memberRepo,
    practices: unavailable("practices"),
    referrers: unavailable("referrers"),
    referrals: unavailable("referrals"),
    touches: unavailable("touches"),
    feedback: unavailable("feedback"),
    nudges: unavailable("nudges"),
    audit: { record: async () => undefined },
  } as unknown as Repositories;

  async function practiceOf(ctx: ChatContext): Promise<string> {
    return (await workspaces.getOrLink("teams", ctx.workspaceId)).practiceId;
  }

  async function resolveActor(ctx: ChatContext): Promise<Actor> {
    const practiceId = await practiceOf(ctx);
    const member = await memberRepo.upsert({
      practiceId,
      platform: "teams",
      externalUserId: ctx.userId,
      displayName: ctx.userName,
      workspaceExternalId: ctx.workspaceId,
    });
    return { practiceId, memberId: member.id, name: ctx.userName, channel: "teams", role: member.role };
  }

  async function nudgeList(practiceId: string): Promise<Reply> {
    const open = [...nudges].filter(([, n]) => n.practiceId === practiceId && n.status === "open");
    const done = [...nudges].filter(([, n]) => n.practiceId === practiceId && n.status === "done");
    const sections: ReplySection[] = open.map(([id, n]) => ({
      text: `*${n.referrerName}*: 2 referrals since your last thank-you`,
      buttons: [
        { label: "Thanked", actionId: "nudge.done", value: JSON.stringify({ nudgeId: id }), style: "primary" },
        { label: "Snooze a week", actionId: "nudge.snooze", value: JSON.stringify({ nudgeId: id }) },
      ],
    }));
    for (const [, n] of done) sections.push({ text: `✓ ${n.referrerName}: thanked` });
    return textReply("Today's nudges", { sections });
  }

  const core: ChatCore = {
    resolveActor,
    async runCommand(ctx, command, text) {
      const actor = await resolveActor(ctx);
      switch (command) {
        case "help":
          return {
            reply: textReply("Here's what I can do", { sections: [{ text: "*thanked* Dr. Lee sent a card" }] }),
          };
        case "nudges":
          return { reply: await nudgeList(actor.practiceId) };
        case "thanked":
          return {
            reply: textReply(`Logged a thank-you to ${text}`, {
              tone: "success",
              sections: [{ text: `By ${actor.name}` }],
            }),
          };
        case "feedback":
          return { reply: textReply(`Feedback from ${text}`) };
        case "digest": {
          if (text !== "here") return { reply: errorReply("Unknown digest option", "digest here") };
          // As the real core does: the conversation the command came from becomes the digest's.
          const link = await workspaces.getOrLink("teams", ctx.workspaceId);
          if (ctx.conversation) await workspaces.setDigestConversation(link.id, ctx.conversation);
          return { reply: textReply("The daily digest will come here.") };
        }
        default:
          return { reply: errorReply(`I don't know "${command}".`, "help") };
      }
    },
    async runAction(ctx, actionId, value): Promise<ActionResult> {
      const actor = await resolveActor(ctx);
      let nudgeId: unknown;
      try {
        nudgeId = (JSON.parse(value) as { nudgeId?: unknown }).nudgeId;
      } catch {
        return { notice: errorReply("That button is out of date.") };
      }
      const nudge = typeof nudgeId === "string" ? nudges.get(nudgeId) : undefined;
      // The value came from a card: re-check it against the clicker's practice, never trust it.
      if (!nudge || nudge.practiceId !== actor.practiceId) return { notice: errorReply("That nudge is not yours.") };
      if (actionId === "feedback.open") {
        return {
          form: { kind: "feedback", title: `Feedback from ${nudge.referrerName}`, metadata: value, initial: {} },
        };
      }
      if (actionId !== "nudge.done") return { notice: textReply("Snoozed for a week.") };
      if (!touches.some((t) => t.idempotencyKey === ctx.requestKey)) {
        touches.push({
          practiceId: actor.practiceId,
          nudgeId: String(nudgeId),
          actorName: actor.name,
          idempotencyKey: ctx.requestKey,
        });
      }
      nudge.status = "done";
      return { update: await nudgeList(actor.practiceId), notice: textReply(`✓ Thanked by ${actor.name}`) };
    },
    async submitForm(_ctx, kind, metadata, values) {
      forms.push({ kind, metadata, values });
      return textReply("Feedback saved.", { tone: "success" });
    },
  };

  return {
    core,
    repos,
    touches,
    nudges,
    forms,
    async addNudge(tenantId, nudgeId, referrerName) {
      const link = await workspaces.getOrLink("teams", tenantId);
      nudges.set(nudgeId, { practiceId: link.practiceId, referrerName, status: "open" });
    },
  };
}

async function notUsed(): Promise<never> {
  throw new Error("not used by the Teams adapter");
}

function unavailable(name: string): unknown {
  return new Proxy(
    {},
    {
      get(_target, property) {
        return () => Promise.reject(new Error(`stand-in core: repos.${name}.${String(property)} is not implemented`));
      },
    },
  );
}
