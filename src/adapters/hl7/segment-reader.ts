// Reads values out of a parsed message as plain text: which segment (by name and occurrence), which field,
// repetition, component and subcomponent, with escape sequences decoded, and where each one was found.
import type { Hl7Message, Hl7Segment } from "@medplum/core";
import { decodeEr7 } from "./er7-text.ts";
import type { Hl7Location } from "./hl7-location.ts";

export interface SegmentAt {
  segment: Hl7Segment;
  /** Its occurrence among the message's segments of that name, from 1. */
  sequence: number;
}

export class SegmentReader {
  constructor(readonly message: Hl7Message) {}

  /** Every segment with this name, with its occurrence number. */
  all(name: string): SegmentAt[] {
    return this.message.getAllSegments(name).map((segment, i) => ({ segment, sequence: i + 1 }));
  }

  first(name: string): SegmentAt | null {
    return this.all(name)[0] ?? null;
  }

  /** How many repetitions a field has (0 when empty or absent). */
  repetitions(at: SegmentAt, field: number): number {
    const f = at.segment.getField(field);
    if (!f || f.toString() === "") return 0;
    return f.components.length;
  }

  /** One component (1-based) of one repetition (0-based), or one subcomponent (1-based), as plain text, trimmed. */
  text(at: SegmentAt, field: number, component = 1, repetition = 0, subcomponent?: number): string {
    const f = at.segment.getField(field);
    if (!f || repetition >= f.components.length) return "";
    const raw = f.getComponent(component, subcomponent === undefined ? undefined : subcomponent - 1, repetition);
    // Without a subcomponent asked for, a component's later subcomponents are not part of its text.
    const value = subcomponent === undefined ? raw.split(this.message.context.subcomponentSeparator)[0]! : raw;
    return decodeEr7(value, this.message.context).trim();
  }

  /** The whole field (first repetition), components joined by spaces: free text sent across components. */
  fieldText(at: SegmentAt, field: number, repetition = 0): string {
    const f = at.segment.getField(field);
    if (!f || repetition >= f.components.length) return "";
    return f.components[repetition]!.map((c) => decodeEr7(c, this.message.context).trim())
      .filter(Boolean)
      .join(" ");
  }

  where(at: SegmentAt, field: number, component?: number): Hl7Location {
    return {
      segment: at.segment.name,
      sequence: at.sequence,
      field,
      ...(component === undefined ? {} : { component }),
    };
  }
}
