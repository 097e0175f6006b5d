// Adding a referrer: one use case for the chat form and the CLI (the import, which matches thousands of
// rows at once, applies the same identity rule in memory: import/referrer-directory.ts).
import type { Actor, Referrer } from "../model.ts";
import type { ReferrerRepository } from "../ports.ts";
import { firstProblem, toNewReferrer, ZNewReferrerInput } from "../validation/referrer-input.ts";
import { findSameReferrer, identityOf, type SameReferrerReason } from "./referrer-identity.ts";

export interface AddReferrerPorts {
  referrers: Pick<ReferrerRepository, "listForPractice" | "create">;
  /** Told after a referrer is added, so what caches the practice's referrers (the chat's lookup) reloads. */
  referrersChanged?: (practiceId: string) => void;
}

export type AddReferrerResult =
  /** The input does not validate; `problem` says what to type instead ("npi: An NPI is 10 digits…"). */
  | { kind: "invalid"; problem: string; field: string | null; message: string }
  /** Created, with its stats row and its audit row (ReferrerRepository.create writes all three together). */
  | { kind: "added"; referrer: Referrer }
  /** Nothing added: this known referrer is the one meant, for `reason`, said plainly in `explanation`. */
  | { kind: "exists"; referrer: Referrer; reason: SameReferrerReason; explanation: string };

/** Validates, refuses a referrer the practice has already (same NPI, or same name and clinic), else creates. */
export async function addReferrer(ports: AddReferrerPorts, actor: Actor, values: unknown): Promise<AddReferrerResult> {
  const parsed = ZNewReferrerInput.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path[0];
    return {
      kind: "invalid",
      problem: firstProblem(parsed.error),
      field: path === undefined ? null : String(path),
      message: issue?.message ?? "Something is not right",
    };
  }
  const input = toNewReferrer(parsed.data);
  // Archived referrers count: adding one again would make a second record of the same person.
  const known = await ports.referrers.listForPractice(actor.practiceId, { includeArchived: true });
  const same = findSameReferrer(
    known.map((referrer) => ({ referrer, ...identityOf({ ...referrer, name: referrer.displayName }) })),
    identityOf({ npi: input.npi ?? null, name: parsed.data.name, clinic: input.clinic ?? null }),
  );
  if (same) {
    const { referrer } = same.referrer;
    return { kind: "exists", referrer, reason: same.reason, explanation: explainSame(referrer, same.reason) };
  }
  const referrer = await ports.referrers.create(actor.practiceId, input, actor);
  ports.referrersChanged?.(actor.practiceId);
  return { kind: "added", referrer };
}

function explainSame(referrer: Referrer, reason: SameReferrerReason): string {
  const archived = referrer.status === "archived" ? " (archived)" : "";
  if (reason === "npi") return `${referrer.displayName}${archived} already has NPI ${referrer.npi}`;
  const where = referrer.clinic ? ` at ${referrer.clinic}` : "";
  return `${referrer.displayName}${where}${archived} is already one of your referrers`;
}
