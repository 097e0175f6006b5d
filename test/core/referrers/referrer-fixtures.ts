// A practice's referrer list as it looks in real life: repeated surnames, hyphens, accents, particles,
// nicknames, an NPI here and there, and someone who retired.
import type { Referrer } from "../../../src/core/model.ts";

type Spec = Partial<Referrer> & { displayName: string; lastName: string };

let nextId = 1;

export function referrer(spec: Spec): Referrer {
  return {
    id: spec.id ?? `ref-${nextId++}`,
    practiceId: "practice-1",
    firstName: null,
    credentials: null,
    clinic: null,
    specialty: null,
    npi: null,
    phone: null,
    email: null,
    aliases: [],
    status: "active",
    ownerMemberId: null,
    ...spec,
  };
}

export const jenniferLee = referrer({
  id: "jennifer-lee",
  displayName: "Jennifer Lee",
  firstName: "Jennifer",
  lastName: "Lee",
  credentials: "MD",
  specialty: "Family Medicine",
  npi: "1234567893",
});
export const danielLee = referrer({
  id: "daniel-lee",
  displayName: "Daniel Lee",
  firstName: "Daniel",
  lastName: "Lee",
});
export const jenniferLeePark = referrer({
  id: "jennifer-lee-park",
  displayName: "Jennifer Lee-Park",
  firstName: "Jennifer",
  lastName: "Lee-Park",
  credentials: "DO",
  aliases: ["JLP", "Jenny Lee"],
});
export const klausMuller = referrer({
  id: "klaus-muller",
  displayName: "Klaus Müller",
  firstName: "Klaus",
  lastName: "Müller",
});
export const seanOBrien = referrer({
  id: "sean-obrien",
  displayName: "Seán O'Brien",
  firstName: "Seán",
  lastName: "O'Brien",
});
export const mariaDeLaCruz = referrer({
  id: "maria-de-la-cruz",
  displayName: "María de la Cruz",
  firstName: "María",
  lastName: "de la Cruz",
});
export const thuNguyen = referrer({
  id: "thu-nguyen",
  displayName: "Thu Nguyen",
  firstName: "Thu",
  lastName: "Nguyen",
});
export const rajPatel = referrer({
  id: "raj-patel",
  displayName: "Raj Patel",
  firstName: "Raj",
  lastName: "Patel",
  npi: "1987654321",
});
export const anhDo = referrer({
  id: "anh-do",
  displayName: "Anh Do",
  firstName: "Anh",
  lastName: "Do",
  credentials: "MD",
});
export const robertKowalski = referrer({
  id: "robert-kowalski",
  displayName: "Robert Kowalski",
  firstName: "Robert",
  lastName: "Kowalski",
  aliases: ["Bob Kowalski"],
});
export const helenStrauss = referrer({
  id: "helen-strauss",
  displayName: "Helen Strauss",
  firstName: "Helen",
  lastName: "Strauss",
  status: "archived",
});
export const williamHarrington = referrer({
  id: "william-harrington",
  displayName: "William Harrington",
  firstName: "William",
  lastName: "Harrington",
});
export const mariaElenaGarcia = referrer({
  id: "maria-elena-garcia",
  displayName: "Maria Elena Garcia",
  firstName: "Maria Elena",
  lastName: "Garcia",
});
export const carlosGarcia = referrer({
  id: "carlos-garcia",
  displayName: "Carlos Garcia",
  firstName: "Carlos",
  lastName: "Garcia",
});
export const joseGarcia = referrer({
  id: "jose-garcia",
  displayName: "José García",
  firstName: "José",
  lastName: "García",
  status: "archived",
});
export const priyaShah = referrer({
  id: "priya-shah",
  displayName: "Priya Shah",
  firstName: "Priya",
  lastName: "Shah",
});
export const ameliaReyes = referrer({ id: "amelia-reyes", displayName: "Amelia Reyes", lastName: "Reyes" });
export const oldSmith = referrer({
  id: "old-smith",
  displayName: "Edward Smith",
  firstName: "Edward",
  lastName: "Smith",
  status: "archived",
});

const others: Referrer[] = [
  ["Alan", "Brooks"],
  ["Beatrice", "Okafor"],
  ["Chen", "Wei"],
  ["David", "Goldberg"],
  ["Elena", "Petrov"],
  ["Fatima", "Al-Sayed"],
  ["Grace", "Kim"],
  ["Hiroshi", "Tanaka"],
  ["Isabel", "Fernandes"],
  ["James", "Whitaker"],
  ["Karen", "Oyelaran"],
  ["Liam", "Murphy"],
  ["Mohammed", "Rahman"],
  ["Nadia", "Haddad"],
  ["Oliver", "Schmidt"],
  ["Paula", "Rossi"],
  ["Quentin", "Dubois"],
  ["Rachel", "Adler"],
  ["Samuel", "Johnson"],
  ["Tomás", "Novák"],
  ["Uma", "Krishnan"],
  ["Victor", "Lindqvist"],
  ["Wendy", "Zhao"],
  ["Yusuf", "Demir"],
  ["Zoe", "Papadopoulos"],
  ["Sarah", "Johnston"],
].map(([first, last]) =>
  referrer({
    id: `${first}-${last}`.toLowerCase(),
    displayName: `${first} ${last}`,
    firstName: first!,
    lastName: last!,
  }),
);

export const directoryList: Referrer[] = [
  jenniferLee,
  danielLee,
  jenniferLeePark,
  klausMuller,
  seanOBrien,
  mariaDeLaCruz,
  thuNguyen,
  rajPatel,
  anhDo,
  robertKowalski,
  helenStrauss,
  williamHarrington,
  mariaElenaGarcia,
  carlosGarcia,
  joseGarcia,
  priyaShah,
  ameliaReyes,
  oldSmith,
  ...others,
];

const FIRST_NAMES = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Carlos",
  "Karen",
  "Wei",
  "Priya",
  "Mohammed",
  "Fatima",
  "Hiroshi",
  "Yuki",
  "Olga",
  "Dmitri",
  "Aisha",
  "Kwame",
  "Lucía",
  "José",
  "Anh",
  "Thu",
  "Siobhan",
  "Seán",
  "Ingrid",
  "Lars",
  "Chiara",
  "Marco",
  "Noor",
  "Omar",
  "Rachel",
  "Daniel",
  "Grace",
  "Ethan",
  "Zara",
  "Ravi",
  "Mei",
  "Jorge",
  "Amara",
  "Tobias",
  "Elena",
  "Nikolai",
  "Hana",
  "Samuel",
  "Leila",
  "Mateo",
  "Ana",
  "Kenji",
  "Ifeoma",
];
const LAST_STEMS = [
  "Ander",
  "Bald",
  "Carr",
  "Dal",
  "Eber",
  "Fitz",
  "Gold",
  "Hart",
  "Ivan",
  "Jak",
  "Kowal",
  "Lind",
  "Mac",
  "Nor",
  "Oster",
  "Pet",
  "Quin",
  "Ros",
  "Stein",
  "Tor",
  "Ul",
  "Van",
  "Wald",
  "Yama",
  "Zim",
  "Bren",
  "Cole",
  "Dunn",
  "Ferr",
  "Grun",
  "Hol",
  "Kirk",
  "Mart",
  "Pol",
  "Rich",
  "Sand",
  "Thom",
  "Wil",
  "Abr",
  "Ben",
];
const LAST_ENDINGS = [
  "son",
  "sen",
  "berg",
  "man",
  "ski",
  "ová",
  "ez",
  "ing",
  "ton",
  "ley",
  "wood",
  "field",
  "stad",
  "ello",
  "ini",
  "ov",
  "enko",
  "ler",
  "hardt",
  "mann",
  "lund",
  "ford",
  "well",
  "aki",
  "oto",
  "ner",
  "ard",
  "ell",
  "ick",
  "ham",
  "er",
  "ey",
  "ach",
  "au",
  "ius",
  "ona",
  "ada",
  "é",
  "ström",
  "ius-Park",
];

/** A deterministic directory of `count` referrers: many shared first names, about 1,600 last names. */
export function manyReferrers(count: number): Referrer[] {
  return Array.from({ length: count }, (_, i) => {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const lastIndex = (i * 7919) % (LAST_STEMS.length * LAST_ENDINGS.length);
    const lastName =
      LAST_STEMS[lastIndex % LAST_STEMS.length]! + LAST_ENDINGS[Math.floor(lastIndex / LAST_STEMS.length)]!;
    return referrer({
      id: `bulk-${i}`,
      displayName: `${firstName} ${lastName}`,
      firstName,
      lastName,
      npi: String(1_000_000_000 + i * 37),
      status: i % 50 === 0 ? "archived" : "active",
    });
  });
}
