// The daily digest as a card: the core decides what it says (renderDigest), we decide how it looks.
import type { Digest } from "../../../core/digest/digest-model.ts";
import type { Reply } from "../../../core/reply.ts";
import type { AdaptiveCard } from "../render/adaptive-card.ts";
import { type RenderOptions, replyToCard } from "../render/reply-to-card.ts";

export type RenderDigest = (digest: Digest) => Reply;

export function digestCard(
  digest: Digest,
  renderDigest: RenderDigest,
  opts: Pick<RenderOptions, "chartUrl"> = {},
): AdaptiveCard {
  return replyToCard(renderDigest(digest), opts);
}
