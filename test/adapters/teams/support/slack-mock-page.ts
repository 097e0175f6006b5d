// A page laid out like a Slack message, drawn from the Block Kit the bot sends: the README's picture of
// what Slack shows, made without a Slack workspace. It is a mock (Slack's own client draws the real
// thing): header, sections with fields, context, image and buttons, in Slack's spacing and fonts.
import type { types } from "@slack/bolt";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Slack's *bold* and line breaks. */
const mrkdwn = (text: string) =>
  escapeHtml(text)
    .replace(/\*([^*\n]+)\*/g, "<b>$1</b>")
    .replace(/\n/g, "<br>");

function block(b: types.KnownBlock): string {
  switch (b.type) {
    case "header":
      return `<div class="header">${escapeHtml(b.text.text)}</div>`;
    case "section": {
      const text = b.text ? `<div>${mrkdwn(b.text.text)}</div>` : "";
      const fields = (b.fields ?? []).map((f) => `<div class="field">${mrkdwn(f.text)}</div>`).join("");
      return `<div class="section">${text}${fields ? `<div class="fields">${fields}</div>` : ""}</div>`;
    }
    case "context":
      return `<div class="context">${b.elements.map((e) => ("text" in e ? mrkdwn(e.text) : "")).join(" ")}</div>`;
    case "image":
      return `<img class="block-image" alt="${escapeHtml(b.alt_text)}" src="${"image_url" in b ? escapeHtml(String(b.image_url)) : ""}">`;
    case "actions":
      return `<div class="actions">${b.elements
        .map((e) => (e.type === "button" ? `<span class="button">${escapeHtml(e.text.text)}</span>` : ""))
        .join("")}</div>`;
    default:
      return "";
  }
}

export function slackMessagePage(blocks: types.KnownBlock[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #fff; font: 15px/1.46668 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d1c1d; }
  .message { display: flex; gap: 8px; padding: 12px 20px; width: 700px; }
  .avatar { width: 36px; height: 36px; border-radius: 6px; background: #2f6fb3; color: #fff; font-weight: bold; display: flex; align-items: center; justify-content: center; flex: none; }
  .name { font-weight: 900; } .app { font-size: 10px; background: #e8e8e8; color: #616061; padding: 1px 3px; border-radius: 2px; margin-left: 4px; } .time { color: #616061; font-size: 12px; margin-left: 6px; }
  .only { color: #616061; font-size: 13px; margin-bottom: 2px; }
  .header { font-size: 18px; font-weight: 900; margin: 6px 0 4px; }
  .section { margin: 4px 0; } .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 4px; }
  .context { color: #616061; font-size: 13px; margin: 4px 0; }
  .block-image { display: block; width: 100%; max-width: 620px; border-radius: 4px; margin: 8px 0; border: 1px solid #e8e8e8; }
  .actions { margin: 8px 0; } .button { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 3px 12px; font-weight: bold; font-size: 13px; margin-right: 8px; }
  </style></head><body><div class="message"><div class="avatar">RN</div><div>
  <div class="only">Only visible to you</div>
  <div><span class="name">Referral Nudge</span><span class="app">APP</span><span class="time">3:00 PM</span></div>
  ${blocks.map(block).join("\n")}
  </div></div></body></html>`;
}
