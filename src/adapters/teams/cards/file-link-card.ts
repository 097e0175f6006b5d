// A file handed over in Teams: a card with a download button to a signed, expiring link (http/file-links.ts).
import type { ReplyFile } from "../../../core/reply.ts";
import { type AdaptiveCard, adaptiveCard } from "../render/adaptive-card.ts";
import { plain } from "../render/card-text.ts";

export function fileLinkCard(file: Pick<ReplyFile, "title" | "filename">, url: string, note: string): AdaptiveCard {
  return adaptiveCard([
    { type: "TextBlock", text: plain(file.title, 200), weight: "bolder", wrap: true },
    { type: "TextBlock", text: plain(note, 500), wrap: true },
    { type: "ActionSet", actions: [{ type: "Action.OpenUrl", title: `Download ${plain(file.filename, 60)}`, url }] },
    { type: "TextBlock", text: "The link works for one hour.", isSubtle: true, size: "small", wrap: true },
  ]);
}
