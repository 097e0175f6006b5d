// Reads a calendar invitation back with ical.js (Mozilla's RFC 5545 parser), independent of the library
// that wrote it: what a calendar client would see.
import ICAL from "ical.js";

export interface ReadEvent {
  uid: string;
  summary: string;
  description: string;
  location: string | null;
  start: Date;
  end: Date;
  method: string | null;
}

/** The invitation's events; throws when the text is not a calendar. */
export function readCalendar(text: string): ReadEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const method = calendar.getFirstPropertyValue("method");
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location || null,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      method: typeof method === "string" ? method : null,
    };
  });
}
