// The contract between the chat adapters and the core: what an adapter calls, what it gets back.
// Adapters translate a platform event into one of these calls and render the result.
import type { Actor, Platform } from "./model.ts";
import type { Reply, ReplyFile, ReplyForm } from "./reply.ts";

/** Who is talking, resolved by the adapter from the platform payload (never from user-supplied ids). */
export interface ChatContext {
  platform: Platform;
  /** Slack team id / Teams tenant id: decides the practice. */
  workspaceId: string;
  workspaceName?: string;
  /** Slack user id / Teams AAD object id or user id. */
  userId: string;
  userName: string;
  /** Where the command was typed (Slack channel id; Teams conversation reference JSON). */
  conversation?: string;
  /** A key unique to this request, for idempotency (Slack trigger_id, Teams activity id). */
  requestKey: string;
  /**
   * Everyone in the conversation sees the replies, ephemeral or not: a Teams group chat or channel (Teams has
   * no ephemeral messages). Slack's ephemeral replies are the asker's alone, so Slack leaves it unset.
   * What is private (a gift's amount) is then left out of the reply.
   */
  sharedConversation?: boolean;
  /** The platform says this user administers the workspace (see Actor.platformAdmin). */
  platformAdmin?: boolean;
  /**
   * The adapter says this is the workspace the operator configured (the single-token Slack
   * workspace, the local Playground): seen for the first time, it joins the default practice.
   */
  operatorWorkspace?: boolean;
}

/** What a button click produces. */
export interface ActionResult {
  /** Replace the message that carried the button with this, for everyone who sees it. */
  update?: Reply;
  /** Tell only the person who clicked. */
  notice?: Reply;
  /** Open a form (Slack modal, Teams card form). */
  form?: ReplyForm;
  /** Hand a file to the person who clicked, in the conversation the button was in. */
  file?: ReplyFile;
}

export interface ChatCore {
  /** `command` is the verb without slash ("thanked", "called", "referrals", …); `text` the rest. */
  runCommand(ctx: ChatContext, command: string, text: string): Promise<{ reply: Reply }>;
  /** A button: action id and its opaque value, as rendered from a Reply. */
  runAction(ctx: ChatContext, actionId: string, value: string): Promise<ActionResult>;
  /** A submitted form (Slack view_submission, Teams card form): values by field name. */
  submitForm(ctx: ChatContext, kind: string, metadata: string, values: Record<string, unknown>): Promise<Reply>;
  /** A file the core handed over before (ReplyFile.ref), made again for a download link; null if it is gone. */
  fileFor?(practiceId: string, ref: string): Promise<ReplyFile | null>;
  /** Resolve the acting member (creating it on first contact) — used by adapters for digest DMs and roles. */
  resolveActor(ctx: ChatContext): Promise<Actor>;
}
