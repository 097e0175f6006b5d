// Slack's Block Kit limits, checked. Slack publishes no JSON Schema (@slack/types is compile-time only),
// so this validator is our guard: the renderer runs it before sending and the tests run it on every payload.
// It takes plain JSON on purpose: it must judge whatever we are about to send, not what the types allow.

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** Slack answers msg_blocks_too_long somewhere around here, below every documented per-field limit. */
  messageTextTotal: 13_000,
  messageText: 40_000,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  buttonUrl: 3000,
  blockId: 255,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  /** Check boxes (and radio buttons) take at most ten options. */
  checkboxOptions: 10,
  /** A plain_text_input's max_length, and so its initial_value. */
  inputMaxLength: 3000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

export type BlockKitSurface = "message" | "modal" | "home";

export interface BlockKitViolation {
  /** Where, as a JSON path: `blocks[3].fields[2].text`. */
  path: string;
  /** Which limit, a key of BLOCK_KIT_LIMITS or a rule name such as "unique" or "required". */
  rule: string;
  message: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value["text"] === "string") return value["text"];
  return undefined;
}

/** All the visible text of one block: what Slack seems to count for msg_blocks_too_long. */
export function blockTextLength(block: unknown): number {
  if (!isObject(block)) return 0;
  let total = 0;
  const add = (value: unknown) => {
    total += textOf(value)?.length ?? 0;
  };
  add(block["text"]);
  add(block["label"]);
  add(block["hint"]);
  for (const field of asArray(block["fields"])) add(field);
  for (const element of asArray(block["elements"])) {
    if (!isObject(element)) continue;
    if (element["type"] === "mrkdwn" || element["type"] === "plain_text") add(element);
    else add(element["text"]);
  }
  if (isObject(block["accessory"])) add(block["accessory"]["text"]);
  return total;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

class Collector {
  readonly violations: BlockKitViolation[] = [];
  readonly actionIds = new Map<string, string>();
  readonly blockIds = new Map<string, string>();

  /**
   * Slack documents action_id as unique within its block; we hold messages to one message-wide
   * uniqueness (our buttons are matched by action_id alone), while a view's inputs, told apart by
   * block_id, may share one.
   */
  constructor(readonly actionIdsPerBlock = false) {}

  enterBlock() {
    if (this.actionIdsPerBlock) this.actionIds.clear();
  }

  add(path: string, rule: string, message: string) {
    this.violations.push({ path, rule, message });
  }

  max(path: string, rule: keyof typeof BLOCK_KIT_LIMITS, value: string | undefined) {
    const limit = BLOCK_KIT_LIMITS[rule];
    if (value !== undefined && value.length > limit) {
      this.add(path, rule, `${value.length} characters, over the limit of ${limit}`);
    }
  }

  /** A text object: present, not empty, within its limit. */
  text(path: string, rule: keyof typeof BLOCK_KIT_LIMITS, value: unknown, opts: { plainOnly?: boolean } = {}) {
    if (!isObject(value) || typeof value["text"] !== "string") {
      this.add(path, "required", "a text object with a string `text` is required");
      return;
    }
    if (value["type"] !== "plain_text" && value["type"] !== "mrkdwn") {
      this.add(`${path}.type`, "type", `text type must be plain_text or mrkdwn, got ${String(value["type"])}`);
    } else if (opts.plainOnly && value["type"] !== "plain_text") {
      this.add(`${path}.type`, "type", "must be plain_text here");
    }
    if (value["text"].length === 0) this.add(`${path}.text`, "required", "text must not be empty");
    this.max(`${path}.text`, rule, value["text"]);
  }

  uniqueActionId(path: string, actionId: unknown) {
    if (typeof actionId !== "string") return;
    this.max(path, "actionId", actionId);
    const seen = this.actionIds.get(actionId);
    if (seen) this.add(path, "unique", `action_id "${actionId}" is already used at ${seen}`);
    else this.actionIds.set(actionId, path);
  }
}

function checkButton(c: Collector, path: string, element: Json) {
  c.text(`${path}.text`, "buttonText", element["text"], { plainOnly: true });
  c.uniqueActionId(`${path}.action_id`, element["action_id"]);
  if (typeof element["value"] === "string") c.max(`${path}.value`, "buttonValue", element["value"]);
  if (typeof element["url"] === "string") c.max(`${path}.url`, "buttonUrl", element["url"]);
}

function checkOptions(c: Collector, path: string, options: unknown) {
  const list = asArray(options);
  if (list.length > BLOCK_KIT_LIMITS.selectOptions) {
    c.add(path, "selectOptions", `${list.length} options, over the limit of ${BLOCK_KIT_LIMITS.selectOptions}`);
  }
  list.forEach((option, i) => {
    if (!isObject(option)) return;
    c.text(`${path}[${i}].text`, "optionText", option["text"]);
    if (typeof option["value"] === "string") c.max(`${path}[${i}].value`, "optionValue", option["value"]);
  });
}

/** An interactive element in an actions block, a section accessory or an input. */
function checkElement(c: Collector, path: string, element: unknown) {
  if (!isObject(element)) {
    c.add(path, "required", "element must be an object");
    return;
  }
  if (element["type"] === "button") {
    checkButton(c, path, element);
    return;
  }
  c.uniqueActionId(`${path}.action_id`, element["action_id"]);
  if (element["placeholder"] !== undefined) c.text(`${path}.placeholder`, "placeholder", element["placeholder"]);
  if (element["options"] !== undefined) checkOptions(c, `${path}.options`, element["options"]);
  const options = asArray(element["options"]);
  if ((element["type"] === "checkboxes" || element["type"] === "radio_buttons") && options.length > 10) {
    c.add(`${path}.options`, "checkboxOptions", `${options.length} options, over the limit of 10`);
  }
  if (typeof element["initial_value"] === "string")
    c.max(`${path}.initial_value`, "textObject", element["initial_value"]);
  if (element["type"] === "plain_text_input") checkTextInput(c, path, element);
}

/** A text input's max_length is at most 3000, and its initial value fits within it. */
function checkTextInput(c: Collector, path: string, element: Json) {
  const max = element["max_length"];
  if (typeof max === "number" && (max < 1 || max > BLOCK_KIT_LIMITS.inputMaxLength)) {
    c.add(`${path}.max_length`, "inputMaxLength", `max_length ${max} is outside 1 to 3000`);
  }
  const initial = element["initial_value"];
  if (typeof max === "number" && typeof initial === "string" && initial.length > max) {
    c.add(`${path}.initial_value`, "inputMaxLength", `${initial.length} characters, over its max_length of ${max}`);
  }
}

function checkBlock(c: Collector, path: string, block: unknown) {
  c.enterBlock();
  if (!isObject(block)) {
    c.add(path, "required", "block must be an object");
    return;
  }
  const blockId = block["block_id"];
  if (typeof blockId === "string") {
    c.max(`${path}.block_id`, "blockId", blockId);
    const seen = c.blockIds.get(blockId);
    if (seen) c.add(`${path}.block_id`, "unique", `block_id "${blockId}" is already used at ${seen}`);
    else c.blockIds.set(blockId, path);
  }
  switch (block["type"]) {
    case "header":
      c.text(`${path}.text`, "headerText", block["text"], { plainOnly: true });
      return;
    case "section": {
      const fields = asArray(block["fields"]);
      if (block["text"] === undefined && fields.length === 0) {
        c.add(path, "required", "a section needs text or fields");
      }
      if (block["text"] !== undefined) c.text(`${path}.text`, "sectionText", block["text"]);
      if (fields.length > BLOCK_KIT_LIMITS.sectionFields) {
        c.add(`${path}.fields`, "sectionFields", `${fields.length} fields, over the limit of 10`);
      }
      fields.forEach((field, i) => {
        c.text(`${path}.fields[${i}]`, "fieldText", field);
      });
      if (block["accessory"] !== undefined) checkElement(c, `${path}.accessory`, block["accessory"]);
      return;
    }
    case "actions": {
      const elements = asArray(block["elements"]);
      if (elements.length === 0) c.add(`${path}.elements`, "required", "an actions block needs elements");
      if (elements.length > BLOCK_KIT_LIMITS.actionsElements) {
        c.add(`${path}.elements`, "actionsElements", `${elements.length} elements, over the limit of 25`);
      }
      elements.forEach((element, i) => {
        checkElement(c, `${path}.elements[${i}]`, element);
      });
      return;
    }
    case "context": {
      const elements = asArray(block["elements"]);
      if (elements.length === 0) c.add(`${path}.elements`, "required", "a context block needs elements");
      if (elements.length > BLOCK_KIT_LIMITS.contextElements) {
        c.add(`${path}.elements`, "contextElements", `${elements.length} elements, over the limit of 10`);
      }
      elements.forEach((element, i) => {
        if (isObject(element) && (element["type"] === "mrkdwn" || element["type"] === "plain_text")) {
          c.text(`${path}.elements[${i}]`, "textObject", element);
        }
      });
      return;
    }
    case "input":
      c.text(`${path}.label`, "inputLabel", block["label"], { plainOnly: true });
      if (block["hint"] !== undefined) c.text(`${path}.hint`, "inputHint", block["hint"], { plainOnly: true });
      checkElement(c, `${path}.element`, block["element"]);
      return;
    case "divider":
      return;
    default:
      // Other block types (image, rich_text, …) we never send; their own limits are not checked here.
      return;
  }
}

function checkBlocks(c: Collector, blocks: unknown, surface: BlockKitSurface) {
  const list = asArray(blocks);
  const limit = surface === "message" ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
  const rule = surface === "message" ? "messageBlocks" : "viewBlocks";
  if (list.length > limit) c.add("blocks", rule, `${list.length} blocks, over the limit of ${limit} in a ${surface}`);
  list.forEach((block, i) => {
    checkBlock(c, `blocks[${i}]`, block);
  });
  if (surface === "message") {
    const total = list.reduce<number>((sum, block) => sum + blockTextLength(block), 0);
    if (total > BLOCK_KIT_LIMITS.messageTextTotal) {
      c.add("blocks", "messageTextTotal", `${total} characters of text in all, over about 13,000`);
    }
  }
}

/** Limits of a message payload (chat.postMessage, chat.update, respond). */
export function findMessageViolations(message: { text?: unknown; blocks?: unknown }): BlockKitViolation[] {
  const c = new Collector();
  if (typeof message.text === "string") c.max("text", "messageText", message.text);
  checkBlocks(c, message.blocks, "message");
  return c.violations;
}

/** Limits of a view (views.open, views.publish): a modal or the Home tab. */
export function findViewViolations(view: unknown): BlockKitViolation[] {
  const c = new Collector(true);
  if (!isObject(view)) return [{ path: "", rule: "required", message: "view must be an object" }];
  const surface: BlockKitSurface = view["type"] === "home" ? "home" : "modal";
  if (surface === "modal") {
    c.text("title", "viewTitle", view["title"], { plainOnly: true });
    if (view["submit"] !== undefined) c.text("submit", "viewSubmit", view["submit"], { plainOnly: true });
    if (view["close"] !== undefined) c.text("close", "viewClose", view["close"], { plainOnly: true });
    const hasInputs = asArray(view["blocks"]).some((b) => isObject(b) && b["type"] === "input");
    if (hasInputs && view["submit"] === undefined) c.add("submit", "required", "a modal with inputs needs submit");
  }
  if (typeof view["private_metadata"] === "string")
    c.max("private_metadata", "privateMetadata", view["private_metadata"]);
  if (typeof view["callback_id"] === "string") c.max("callback_id", "callbackId", view["callback_id"]);
  checkBlocks(c, view["blocks"], surface);
  return c.violations;
}

/** Limits of a bare list of blocks on a surface. */
export function findBlockViolations(blocks: unknown, surface: BlockKitSurface): BlockKitViolation[] {
  const c = new Collector(surface !== "message");
  checkBlocks(c, blocks, surface);
  return c.violations;
}

/** One line per violation, for logs and test failures. */
export function describeViolations(violations: BlockKitViolation[]): string {
  return violations.map((v) => `${v.path || "(root)"}: ${v.rule}: ${v.message}`).join("\n");
}
