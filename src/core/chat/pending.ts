// A command waiting for the user to say which referrer they meant ("Which Dr. Lee?").
// It rides in button values and form metadata, so it is validated again when it comes back.
import { z } from "zod/v4";
import { MAX_GIFT_CENTS } from "../commands/command-schema.ts";
import { TOUCH_KINDS } from "../model.ts";

export const ZPendingCommand = z.discriminatedUnion("t", [
  z.object({ t: z.literal("touch"), k: z.enum(TOUCH_KINDS), n: z.string().max(1500).optional() }),
  z.object({
    t: z.literal("feedback"),
    s: z.enum(["positive", "neutral", "negative"]).optional(),
    n: z.string().max(1500).optional(),
  }),
  z.object({ t: z.literal("referral"), n: z.string().max(500).optional() }),
  /** A gift or meal: `a` its amount in cents, `n` what it was. */
  z.object({
    t: z.literal("gift"),
    a: z.number().int().min(1).max(MAX_GIFT_CENTS),
    n: z.string().max(1500).optional(),
  }),
  z.object({ t: z.literal("profile") }),
  z.object({ t: z.literal("brief") }),
  /** Archive (a: true) or restore (a: false); admins only, checked again when a button brings it back. */
  z.object({ t: z.literal("archive"), a: z.boolean() }),
  // "/feedback Dr. Lee resolved: called her back": resolve the referrer's open complaint.
  z.object({ t: z.literal("resolve"), n: z.string().max(1500).optional() }),
]);
export type PendingCommand = z.infer<typeof ZPendingCommand>;

export const ZPickValue = z.object({ c: z.string().min(1).max(64), p: ZPendingCommand });
export const ZAddValue = z.object({ name: z.string().min(1).max(120), p: ZPendingCommand });

/** Parses JSON from a button or a form, or returns null: forged or stale input is simply refused. */
export function parseJson<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
