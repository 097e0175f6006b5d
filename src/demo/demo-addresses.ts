// Mailing addresses for the demo's clinics, so the card-day message and the labels show what a real
// practice's would. Made up: house numbers on common street names in a few Illinois towns, with each
// clinic at one address (colleagues at one clinic share it).
import type { Random } from "./random.ts";

const STREETS = ["Harbor Road", "Elm Street", "Lakeshore Drive", "Main Street", "Oak Avenue", "Summit Boulevard"];
const TOWNS: ReadonlyArray<readonly [city: string, postalCode: string]> = [
  ["Springfield", "62701"],
  ["Riverton", "62561"],
  ["Chatham", "62629"],
  ["Rochester", "62563"],
  ["Sherman", "62684"],
];

export interface DemoAddress {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  state: string;
  postalCode: string;
}

export class DemoAddressBook {
  private readonly byClinic = new Map<string, DemoAddress>();

  constructor(private readonly random: Random) {}

  /** The clinic's address, the same for everyone who works there. */
  of(clinic: string): DemoAddress {
    const known = this.byClinic.get(clinic);
    if (known) return known;
    const [city, postalCode] = TOWNS[this.random.int(0, TOWNS.length - 1)]!;
    const address: DemoAddress = {
      addressLine1: `${this.random.int(10, 2400)} ${STREETS[this.random.int(0, STREETS.length - 1)]}`,
      addressLine2: this.random.chance(0.4) ? `Suite ${this.random.int(1, 4)}${this.random.int(0, 2)}0` : null,
      city,
      state: "IL",
      postalCode,
    };
    this.byClinic.set(clinic, address);
    return address;
  }
}
