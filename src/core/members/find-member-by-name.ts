// Who "@Ana" or "<at>Ana Lopez</at>" means when the platform gave a name but no user id (a Teams
// mention's text, a name typed without Slack turning it into a mention): a member of the practice on the
// same platform, by full name, or by first name when only one member has it. Never a guess between two.
import type { Member, Platform } from "../model.ts";

export type MemberByName =
  | { kind: "found"; member: Member }
  | { kind: "none" }
  | { kind: "ambiguous"; names: string[] };

function normalise(name: string): string {
  return name.replace(/^@/, "").trim().replace(/\s+/g, " ").toLocaleLowerCase();
}

export function findMemberByName(members: readonly Member[], platform: Platform, name: string): MemberByName {
  const wanted = normalise(name);
  if (!wanted) return { kind: "none" };
  const here = members.filter((m) => m.platform === platform);
  const exact = here.filter((m) => normalise(m.displayName) === wanted);
  const matches = exact.length > 0 ? exact : here.filter((m) => normalise(m.displayName).split(" ")[0] === wanted);
  if (matches.length === 1) return { kind: "found", member: matches[0] as Member };
  if (matches.length === 0) return { kind: "none" };
  return { kind: "ambiguous", names: matches.map((m) => m.displayName).sort() };
}
