// The parts of an incoming Bot Framework activity the handlers read, as our own type: the Teams
// SDK's activity types stay in the files that talk to the SDK (teams-app.ts, teams-turn.ts), so a
// handler reads an activity the same way whichever library delivered it.

export interface TeamsAccount {
  id: string;
  name?: string | null;
  aadObjectId?: string | null;
  [key: string]: unknown;
}

export interface TeamsActivity {
  type: string;
  id?: string;
  channelId: string;
  serviceUrl: string;
  locale?: string;
  text?: string | null;
  value?: unknown;
  name?: string;
  action?: string;
  replyToId?: string;
  from?: TeamsAccount;
  recipient?: TeamsAccount;
  conversation: {
    id: string;
    tenantId?: string | null;
    name?: string | null;
    conversationType?: string;
    [key: string]: unknown;
  };
  channelData?: {
    tenant?: { id?: string | null } | null;
    team?: { id?: string | null; name?: string | null } | null;
    channel?: { id?: string | null } | null;
    eventType?: string;
    [key: string]: unknown;
  } | null;
  membersAdded?: TeamsAccount[];
  membersRemoved?: TeamsAccount[];
  [key: string]: unknown;
}

/** A message the bot sends: one Adaptive Card attachment, with a notification summary. */
export interface OutgoingActivity {
  type: "message";
  attachments: { contentType: string; content: unknown }[];
  summary?: string;
  id?: string;
}

/** One turn, as the handlers see it: the activity, and how to answer in its conversation. */
export interface TeamsTurn {
  activity: TeamsActivity;
  /** Answers in the activity's conversation, as a reply to it (a new post when it has no id). */
  send(activity: OutgoingActivity): Promise<void>;
  /** Rewrites a message the bot sent earlier in this conversation. */
  update(messageId: string, activity: OutgoingActivity): Promise<void>;
}
