// `referral-nudge workspaces list|link|unlink`: which Slack workspace or Teams tenant belongs to
// which practice. A newcomer gets a practice of its own; joining an existing one takes this explicit
// link by whoever runs the CLI (the operator), so no install or forged tenant can claim a practice.
import { z } from "zod/v4";
import type { Services } from "../../app/create-services.ts";
import type { WorkspaceLink } from "../../core/ports.ts";
import { CliError, findPractice } from "../cli-services.ts";

/** Slack team/enterprise ids and Teams tenant ids are short; the same bound the adapters check at the door. */
export const ZWorkspaceTarget = z.object({
  platform: z.enum(["slack", "teams"], { error: "give --platform slack or --platform teams" }),
  id: z
    .string({ error: "give --id, the Slack team id (T…) or the Teams tenant id" })
    .trim()
    .min(1, "give --id, the Slack team id (T…) or the Teams tenant id")
    .max(128, "--id is at most 128 characters"),
});

export const ZLinkOptions = ZWorkspaceTarget.extend({
  practice: z.string({ error: 'give --practice "<name>"' }).trim().min(1, 'give --practice "<name>"'),
});

function parseOptions<T>(schema: z.ZodType<T>, input: unknown, example: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0]?.message ?? "the options are not right";
  throw new CliError(`${problem}.\nExample: ${example}`);
}

async function describe(s: Services, link: WorkspaceLink): Promise<string> {
  const practice = await s.repos.practices.findById(link.practiceId);
  const name = link.name ? ` (${link.name})` : "";
  return `${link.platform} ${link.externalId}${name} → "${practice?.name ?? link.practiceId}"`;
}

export async function workspacesListCommand(s: Services): Promise<void> {
  const links = await s.repos.workspaces.listAll();
  if (links.length === 0) {
    console.log("No Slack workspace or Teams tenant has talked to the bot yet.");
    return;
  }
  for (const link of links) console.log(await describe(s, link));
  console.log(`${links.length} workspace(s).`);
}

export async function workspacesLinkCommand(s: Services, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(
    ZLinkOptions,
    input,
    'referral-nudge workspaces link --platform slack --id T0123ABC --practice "My Practice"',
  );
  const practice = await findPractice(s, opts.practice);
  const link = await s.repos.workspaces.linkToPractice(opts.platform, opts.id, practice.id);
  // A running bot remembers who is who for half a minute (chat-core.ts), so the link shows within a minute.
  console.log(`Linked ${await describe(s, link)}. A running bot follows within a minute.`);
}

export async function workspacesUnlinkCommand(s: Services, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(
    ZWorkspaceTarget,
    input,
    "referral-nudge workspaces unlink --platform teams --id <tenant id>",
  );
  const link = await s.repos.workspaces.unlink(opts.platform, opts.id);
  if (!link)
    throw new CliError(`No ${opts.platform} workspace ${opts.id} is known. See: referral-nudge workspaces list`);
  console.log(`Unlinked: ${await describe(s, link)}, a practice of its own.`);
}
