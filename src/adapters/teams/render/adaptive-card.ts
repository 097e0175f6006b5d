// The slice of the Adaptive Card 1.5 schema this bot emits, typed so a typo in a property fails
// to compile. Teams renders up to 1.5; anything newer is silently dropped by some clients.

export const CARD_VERSION = "1.5";
export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export type ContainerStyle = "default" | "emphasis" | "good" | "attention" | "warning" | "accent";
export type Spacing = "none" | "small" | "default" | "medium" | "large" | "extraLarge";

export interface TextBlock {
  type: "TextBlock";
  id?: string;
  text: string;
  wrap?: boolean;
  weight?: "default" | "lighter" | "bolder";
  size?: "default" | "small" | "medium" | "large" | "extraLarge";
  color?: "default" | "dark" | "light" | "accent" | "good" | "warning" | "attention";
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
  maxLines?: number;
  style?: "default" | "heading";
}

export interface FactSet {
  type: "FactSet";
  facts: { title: string; value: string }[];
  spacing?: Spacing;
}

export interface ExecuteAction {
  type: "Action.Execute";
  title: string;
  verb: string;
  data: Record<string, string>;
  style?: "default" | "positive" | "destructive";
  /** "none" for buttons that must not send (and validate) the card's inputs. */
  associatedInputs?: "auto" | "none";
}

/** Opens a link in the browser (a download): no invoke reaches the bot. */
export interface OpenUrlAction {
  type: "Action.OpenUrl";
  title: string;
  url: string;
}

export interface ActionSet {
  type: "ActionSet";
  actions: Array<ExecuteAction | OpenUrlAction>;
  spacing?: Spacing;
}

export interface InputText {
  type: "Input.Text";
  id: string;
  label?: string;
  placeholder?: string;
  value?: string;
  isMultiline?: boolean;
  maxLength?: number;
  isRequired?: boolean;
  errorMessage?: string;
  style?: "text" | "tel" | "url" | "email";
}

export interface InputChoiceSet {
  type: "Input.ChoiceSet";
  id: string;
  label?: string;
  choices: { title: string; value: string }[];
  value?: string;
  style?: "compact" | "expanded";
  /** The value is then the chosen values joined by commas. */
  isMultiSelect?: boolean;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface InputNumber {
  type: "Input.Number";
  id: string;
  label?: string;
  value?: number;
  min?: number;
  max?: number;
  isRequired?: boolean;
  errorMessage?: string;
}

/** A time of day, "HH:MM". */
export interface InputTime {
  type: "Input.Time";
  id: string;
  label?: string;
  value?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface InputToggle {
  type: "Input.Toggle";
  id: string;
  title: string;
  label?: string;
  value?: string;
  valueOn?: string;
  valueOff?: string;
}

export interface Container {
  type: "Container";
  items: CardElement[];
  style?: ContainerStyle;
  spacing?: Spacing;
  separator?: boolean;
  bleed?: boolean;
}

/** A picture by URL (our own chart links); `altText` is read aloud and shown where images are off. */
export interface Image {
  type: "Image";
  url: string;
  altText: string;
  size?: "auto" | "stretch";
}

export type CardElement =
  | TextBlock
  | Image
  | FactSet
  | ActionSet
  | Container
  | InputText
  | InputChoiceSet
  | InputToggle
  | InputNumber
  | InputTime;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  body: CardElement[];
  /** Teams-only: let the card use the whole width of the chat instead of a narrow bubble. */
  msteams?: { width: "Full" };
  /** Universal Actions: how Teams asks for this card as it stands for the person viewing it. */
  refresh?: CardRefresh;
}

export interface CardRefresh {
  action: { type: "Action.Execute"; title: string; verb: string; data: { value: string } };
  /** The Teams user ids (29:…) whose view refreshes by itself; at most 60. */
  userIds: string[];
}

export function adaptiveCard(body: CardElement[]): AdaptiveCard {
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, body, msteams: { width: "Full" } };
}

/** Size in bytes as it travels: Teams' message limit counts UTF-8 bytes of the whole activity. */
export function cardBytes(card: AdaptiveCard | CardElement): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}
