// Realistic referrer names for benchmarks, from a seeded generator: the same list on every run.
import type { Referrer } from "../src/core/model.ts";

const FIRST = [
  "Jennifer",
  "Daniel",
  "Maria",
  "James",
  "Priya",
  "Wei",
  "Fatima",
  "John",
  "Emily",
  "Carlos",
  "Aisha",
  "Michael",
  "Sofia",
  "David",
  "Grace",
  "Omar",
  "Hannah",
  "Luis",
  "Mei",
  "Robert",
  "Anna",
  "Kwame",
  "Sara",
  "Thomas",
  "Yuki",
  "Elena",
  "Ahmed",
  "Laura",
  "Chen",
  "Olivia",
];
const LAST = [
  "Lee",
  "Patel",
  "Garcia",
  "Nguyen",
  "Smith",
  "Müller",
  "O'Brien",
  "De La Cruz",
  "Kim",
  "Johnson",
  "Okafor",
  "Rossi",
  "Schmidt",
  "Cohen",
  "Singh",
  "Tanaka",
  "Brown",
  "Lopez",
  "Ivanova",
  "Haddad",
  "Fischer",
  "Novak",
  "Silva",
  "Andersen",
  "Kowalski",
  "Murphy",
  "Khan",
  "Moreau",
  "Yamamoto",
  "Lee-Park",
];

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeReferrers(count: number, seed = 7): Referrer[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST);
    // Unique-ish last names beyond the common ones, as a large region's directory has.
    const last = i < LAST.length * 4 ? pick(LAST) : `${pick(LAST)}${i % 3 === 0 ? "" : `-${pick(LAST)}`}${i}`;
    return {
      id: `r${i}`,
      practiceId: "p",
      displayName: `Dr. ${first} ${last}`,
      firstName: first,
      lastName: last,
      credentials: "MD",
      clinic: null,
      specialty: null,
      npi: null,
      phone: null,
      email: null,
      aliases: [],
      status: "active",
      ownerMemberId: null,
    };
  });
}
