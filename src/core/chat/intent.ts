// What a typed command asks for, once parsed. The parser (src/core/commands) produces it;
// the use cases here carry it out. Names come as candidate splits: the parser cannot know the
// directory, so "Dr. Lee sent a card" is tried as "Dr. Lee sent" / "Dr. Lee" / … against it.
import type { MemberRole, Sentiment, TouchKind } from "../model.ts";

export interface NameSplit {
  name: string;
  note: string;
}

export type Intent =
  | { t: "touch"; kind: TouchKind; splits: NameSplit[]; doneBy?: { userId: string; name?: string } }
  | { t: "gift"; amountCents: number; splits: NameSplit[] }
  | { t: "feedback"; splits: NameSplit[]; sentiment?: Sentiment; resolves?: true }
  | { t: "referral"; splits: NameSplit[] }
  | { t: "profile"; name: string }
  | { t: "brief"; name: string }
  | { t: "add_referrer"; name: string; clinic?: string; specialty?: string }
  | { t: "archive_referrer"; name: string; archive: boolean }
  | { t: "nudges"; all: boolean }
  | { t: "help"; topic?: string }
  | { t: "home" }
  | { t: "overview" }
  | { t: "return_favor"; specialty: string }
  | { t: "digest_here" }
  | { t: "digest_now" }
  | { t: "settings"; key?: string; value?: string }
  | { t: "team" }
  /** userId is null for a mention that carries no id (a Teams `<at>Ana</at>`): refused or explained, never guessed. */
  | { t: "role"; userId: string | null; userName?: string; role: MemberRole }
  | { t: "error"; error: string; usage: string };
