// How long what a chat platform hands us may be, checked by each adapter at its door (zod) so an
// oversized id or name is refused before anything is stored. Real ids are far shorter: Slack's are
// about 11 characters, a Teams tenant or AAD id is a 36-character GUID, a Teams user id about 100.
import { MAX_TEXT_LENGTH } from "../commands/command-schema.ts";

export const DOOR_LIMITS = {
  /** Tenant, team, enterprise, user and channel ids. */
  id: 256,
  /** A Teams conversation id (channel ids carry a thread suffix). */
  conversationId: 512,
  /** A person's or a workspace's display name. */
  name: 256,
  /** What was typed: a command's text or a message. The core's own parser caps notes lower still. */
  text: MAX_TEXT_LENGTH,
} as const;
