// On the practice's card day the digest run also sends the card-day message to whoever writes the cards
// (cardWriterRole, physician by default), in their direct messages; with nobody in that role, to the
// digest conversations. Each send is recorded in the run under "cards:<target>", so the run's claim
// makes it go out once, and a retried run resends only what failed, from the stored batch.
import { storedCardBatch } from "../core/cards/card-day.ts";
import { cardWriterOf } from "../core/cards/card-settings.ts";
import { cardWeekOf, isCardDay } from "../core/cards/card-week.ts";
import { renderCardDay } from "../core/cards/render-card-day.ts";
import type { Practice } from "../core/model.ts";
import type { CardDataPort, ChatDelivery, DeliveryTarget } from "../core/ports.ts";

export interface CardDaySend {
  target: DeliveryTarget;
  send: () => Promise<void>;
}

export const CARD_TARGET_PREFIX = "cards:";

/** The card-day sends due in this run: none on another day, or when there are no cards to write. */
export async function cardDaySends(
  deps: { cards?: CardDataPort; deliveries: readonly ChatDelivery[] },
  practice: Practice,
  now: Date,
  digestTargets: ReadonlyArray<{ target: DeliveryTarget; delivery: ChatDelivery }>,
): Promise<CardDaySend[]> {
  const cards = deps.cards;
  if (!cards || !isCardDay(now, practice.timeZone, practice.settings)) return [];
  const batch = await storedCardBatch({ cards }, practice, cardWeekOf(now, practice.timeZone), now);
  if (batch.entries.length === 0) return [];
  const reply = renderCardDay(batch, await cards.mailed(batch));
  const summary = `Thank-you cards: ${batch.entries.length} to write`;
  const sends: CardDaySend[] = [];
  const role = cardWriterOf(practice);
  for (const delivery of deps.deliveries) {
    const { send, cardTargets } = delivery;
    if (!send || !cardTargets) continue;
    let targets = await cardTargets.call(delivery, practice.id, role);
    // Nobody has the role yet on this platform: the practice's own conversations get the cards instead.
    if (targets.length === 0) {
      targets = digestTargets.filter((t) => t.delivery === delivery && !t.target.memberId).map((t) => t.target);
    }
    for (const target of targets) {
      const keyed = { ...target, key: `${CARD_TARGET_PREFIX}${target.key}` };
      sends.push({
        target: keyed,
        send: () => send.call(delivery, target, { practiceId: practice.id, reply, summary }),
      });
    }
  }
  return sends;
}
