// Checks that a card is a valid Adaptive Card 1.5 that Teams will show, two ways:
// - Microsoft's `adaptivecards` library parses it and reports unknown elements, bad enum values,
//   duplicate ids and too many actions (it is lenient about missing required properties), and
// - a strict JSON schema of the 1.5 elements we use (required properties, no unknown properties),
//   written from the 1.5 schema because no copy of it ships in an installed package.
// Plus Teams' own limit: the message must stay under about 28 KB.
import { createRequire } from "node:module";
import { Ajv } from "ajv";

// The package's ESM build imports files without extensions, which Node cannot load; its UMD build works.
const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js") as typeof import("adaptivecards");

export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;

const spacing = { enum: ["none", "small", "default", "medium", "large", "extraLarge", "padding"] };
const anyCase = (values: string[]) => ({ enum: values.flatMap((v) => [v, v[0]?.toUpperCase() + v.slice(1)]) });

const actionExecute = {
  type: "object",
  required: ["type", "title"],
  additionalProperties: false,
  properties: {
    type: { const: "Action.Execute" },
    title: { type: "string", minLength: 1 },
    verb: { type: "string", minLength: 1 },
    data: { type: "object" },
    style: anyCase(["default", "positive", "destructive"]),
    associatedInputs: anyCase(["auto", "none"]),
    id: { type: "string" },
    iconUrl: { type: "string" },
    tooltip: { type: "string" },
    isEnabled: { type: "boolean" },
    mode: anyCase(["primary", "secondary"]),
  },
};

/** A link the client opens itself (a download): Adaptive Cards 1.0. */
const actionOpenUrl = {
  type: "object",
  required: ["type", "title", "url"],
  additionalProperties: false,
  properties: {
    type: { const: "Action.OpenUrl" },
    title: { type: "string", minLength: 1 },
    url: { type: "string", pattern: "^https?://" },
    id: { type: "string" },
    tooltip: { type: "string" },
  },
};

const common = {
  id: { type: "string" },
  spacing: anyCase(spacing.enum),
  separator: { type: "boolean" },
  isVisible: { type: "boolean" },
  height: anyCase(["auto", "stretch"]),
};

const inputCommon = {
  ...common,
  id: { type: "string", minLength: 1 },
  label: { type: "string" },
  isRequired: { type: "boolean" },
  errorMessage: { type: "string" },
};

const schema = {
  $id: "adaptive-card-1.5-subset",
  type: "object",
  required: ["type", "version", "body"],
  additionalProperties: false,
  properties: {
    type: { const: "AdaptiveCard" },
    $schema: { type: "string" },
    version: { const: "1.5" },
    body: { type: "array", items: { $ref: "#/$defs/element" } },
    actions: { type: "array", items: actionExecute },
    // Universal Actions' refresh (1.4+): the Action.Execute Teams runs for each viewer, and whose views refresh.
    refresh: {
      type: "object",
      required: ["action"],
      additionalProperties: false,
      properties: {
        action: actionExecute,
        userIds: { type: "array", maxItems: 60, items: { type: "string", minLength: 1 } },
      },
    },
    msteams: { type: "object", properties: { width: { const: "Full" } }, additionalProperties: false },
    fallbackText: { type: "string" },
    speak: { type: "string" },
  },
  $defs: {
    // ajv's discriminator picks the element's schema by its "type", so errors name the real problem.
    element: {
      type: "object",
      required: ["type"],
      discriminator: { propertyName: "type" },
      oneOf: [
        "TextBlock",
        "Image",
        "FactSet",
        "ActionSet",
        "Container",
        "InputText",
        "InputChoiceSet",
        "InputToggle",
        "InputNumber",
        "InputTime",
      ].map((name) => ({ $ref: `#/$defs/${name}` })),
    },
    TextBlock: {
      type: "object",
      required: ["type", "text"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "TextBlock" },
        text: { type: "string" },
        wrap: { type: "boolean" },
        weight: anyCase(["default", "lighter", "bolder"]),
        size: anyCase(["default", "small", "medium", "large", "extraLarge"]),
        color: anyCase(["default", "dark", "light", "accent", "good", "warning", "attention"]),
        isSubtle: { type: "boolean" },
        maxLines: { type: "integer", minimum: 1 },
        style: anyCase(["default", "heading"]),
        horizontalAlignment: anyCase(["left", "center", "right"]),
        fontType: anyCase(["default", "monospace"]),
      },
    },
    Image: {
      type: "object",
      required: ["type", "url", "altText"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "Image" },
        url: { type: "string", pattern: "^https?://", maxLength: 4000 },
        altText: { type: "string", minLength: 1 },
        size: anyCase(["auto", "stretch", "small", "medium", "large"]),
      },
    },
    FactSet: {
      type: "object",
      required: ["type", "facts"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "FactSet" },
        facts: {
          type: "array",
          items: {
            type: "object",
            required: ["title", "value"],
            additionalProperties: false,
            properties: { title: { type: "string" }, value: { type: "string" } },
          },
        },
      },
    },
    ActionSet: {
      type: "object",
      required: ["type", "actions"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "ActionSet" },
        actions: { type: "array", minItems: 1, items: { oneOf: [actionExecute, actionOpenUrl] } },
      },
    },
    Container: {
      type: "object",
      required: ["type", "items"],
      additionalProperties: false,
      properties: {
        ...common,
        type: { const: "Container" },
        items: { type: "array", minItems: 1, items: { $ref: "#/$defs/element" } },
        style: anyCase(["default", "emphasis", "good", "attention", "warning", "accent"]),
        bleed: { type: "boolean" },
        verticalContentAlignment: anyCase(["top", "center", "bottom"]),
      },
    },
    InputText: {
      type: "object",
      required: ["type", "id"],
      additionalProperties: false,
      properties: {
        ...inputCommon,
        type: { const: "Input.Text" },
        placeholder: { type: "string" },
        value: { type: "string" },
        isMultiline: { type: "boolean" },
        maxLength: { type: "integer", minimum: 1 },
        regex: { type: "string" },
        style: anyCase(["text", "tel", "url", "email", "password"]),
      },
    },
    InputChoiceSet: {
      type: "object",
      required: ["type", "id", "choices"],
      additionalProperties: false,
      properties: {
        ...inputCommon,
        type: { const: "Input.ChoiceSet" },
        choices: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            required: ["title", "value"],
            additionalProperties: false,
            properties: { title: { type: "string" }, value: { type: "string" } },
          },
        },
        value: { type: "string" },
        style: anyCase(["compact", "expanded", "filtered"]),
        isMultiSelect: { type: "boolean" },
        placeholder: { type: "string" },
        wrap: { type: "boolean" },
      },
    },
    InputToggle: {
      type: "object",
      required: ["type", "id", "title"],
      additionalProperties: false,
      properties: {
        ...inputCommon,
        type: { const: "Input.Toggle" },
        title: { type: "string" },
        value: { type: "string" },
        valueOn: { type: "string" },
        valueOff: { type: "string" },
        wrap: { type: "boolean" },
      },
    },
    InputNumber: {
      type: "object",
      required: ["type", "id"],
      additionalProperties: false,
      properties: {
        ...inputCommon,
        type: { const: "Input.Number" },
        value: { type: "number" },
        min: { type: "number" },
        max: { type: "number" },
        placeholder: { type: "string" },
      },
    },
    InputTime: {
      type: "object",
      required: ["type", "id"],
      additionalProperties: false,
      properties: {
        ...inputCommon,
        type: { const: "Input.Time" },
        value: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" },
        min: { type: "string" },
        max: { type: "string" },
        placeholder: { type: "string" },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
const validateSchema = ajv.compile(schema);

/** Every problem found with the card; empty when Teams will render it. */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];

  if (!validateSchema(card)) {
    for (const e of validateSchema.errors ?? []) problems.push(`schema: ${e.instancePath || "/"} ${e.message}`);
  }

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card as object, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`adaptivecards: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`adaptivecards: ${e.message}`);

  const bytes = Buffer.byteLength(JSON.stringify(card), "utf8");
  if (bytes > TEAMS_MESSAGE_LIMIT_BYTES)
    problems.push(`size: ${bytes} bytes is over Teams' ${TEAMS_MESSAGE_LIMIT_BYTES}`);
  return problems;
}

export function assertValidCard(card: unknown, label = "card"): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`${label} is not a valid Adaptive Card 1.5:\n  ${problems.join("\n  ")}`);
}
