// The default practice with an API token for an intake door's benchmark, its rate limit lifted: the
// benchmarks measure the doors, not their limit.
import { newApiToken } from "../src/core/intake/api-token.ts";
import type { Practice } from "../src/core/model.ts";
import type { BenchDb } from "./bench-db.ts";

export async function practiceWithApiToken(bench: BenchDb): Promise<{ practice: Practice; token: string }> {
  const practice = await bench.repos.practices.getOrCreateDefault();
  await bench.db.prisma.practice.update({ where: { id: practice.id }, data: { apiRequestsPerMinute: 100_000_000 } });
  const { token, tokenHash, hint } = newApiToken();
  const actor = { practiceId: practice.id, memberId: null, name: "bench", channel: "cli" as const, role: null };
  await bench.apiTokens.create(actor, {
    practiceId: practice.id,
    label: "bench",
    sourceSystem: "bench",
    tokenHash,
    hint,
  });
  return { practice, token };
}
