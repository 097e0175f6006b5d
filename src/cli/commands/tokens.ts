// `referral-nudge tokens create|list|revoke|rate`: the practice's keys to the intake API. A token is
// printed once, when it is made; the database keeps only its hash. Every change is audited.
import { z } from "zod/v4";
import type { Services } from "../../app/create-services.ts";
import { newApiToken, sourceSystemOfLabel } from "../../core/intake/api-token.ts";
import { ZSourceSystem } from "../../core/intake/incoming-referral.ts";
import type { Practice } from "../../core/model.ts";
import type { ApiTokenInfo } from "../../core/ports.ts";
import { CliError } from "../cli-services.ts";
import { cliActor } from "./referrers.ts";

const ZCreate = z.object({
  label: z
    .string({ error: 'give the token a label, e.g. --label "EHR feed"' })
    .trim()
    .min(1, 'give the token a label, e.g. --label "EHR feed"')
    .max(80),
  source: ZSourceSystem.optional(),
});

function tokenLine(t: ApiTokenInfo): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString().slice(0, 10)}` : "active";
  return [
    `…${t.hint}`,
    t.label,
    `source ${t.sourceSystem}`,
    `made ${t.createdAt.toISOString().slice(0, 10)}`,
    state,
    t.id,
  ].join(" · ");
}

export async function tokensCreateCommand(
  s: Services,
  practice: Practice,
  input: { label?: string; source?: string },
): Promise<void> {
  const parsed = ZCreate.safeParse(input);
  if (!parsed.success) throw new CliError(`${parsed.error.issues[0]?.message ?? "the arguments are not right"}.`);
  const { token, tokenHash, hint } = newApiToken();
  const sourceSystem = parsed.data.source ?? sourceSystemOfLabel(parsed.data.label);
  await s.apiTokens.create(cliActor(practice), {
    practiceId: practice.id,
    label: parsed.data.label,
    sourceSystem,
    tokenHash,
    hint,
  });
  console.log(token);
  console.error(
    `That is the API token for ${practice.name} ("${parsed.data.label}", source system ${sourceSystem}). ` +
      "Copy it now: it is not shown again (only its hash is kept). Send it as Authorization: Bearer <token> " +
      "to POST /api/referrals.",
  );
}

export async function tokensListCommand(s: Services, practice: Practice): Promise<void> {
  const tokens = await s.apiTokens.list(practice.id);
  if (tokens.length === 0) {
    console.log(`${practice.name} has no API tokens. Make one: referral-nudge tokens create --label "EHR feed"`);
    return;
  }
  for (const t of tokens) console.log(tokenLine(t));
}

export async function tokensRevokeCommand(s: Services, practice: Practice, idOrHint: string): Promise<void> {
  const revoked = await s.apiTokens.revoke(cliActor(practice), practice.id, idOrHint.replace(/^…/, "").trim());
  if (!revoked) {
    throw new CliError(
      `${practice.name} has no one token "${idOrHint}". Give its id or its last four characters (see: referral-nudge tokens list).`,
    );
  }
  console.log(`Revoked: ${tokenLine(revoked)}`);
}

const ZRate = z.coerce.number().int().min(1).max(100_000);

export async function tokensRateCommand(s: Services, practice: Practice, raw: string): Promise<void> {
  const parsed = ZRate.safeParse(raw);
  if (!parsed.success) throw new CliError("give the requests per minute per token as a whole number from 1 to 100000.");
  await s.apiTokens.setRequestsPerMinute(cliActor(practice), practice.id, parsed.data);
  console.log(`Each API token of ${practice.name} may now make ${parsed.data} requests a minute.`);
}
