// Data for the benchmarks, made up from a seed so every run measures the same thing:
// - generateReferralsCsv: a referral report as an EHR exports it (header spellings vary with the seed, a
//   patient-name column that must be ignored, a few bad rows that must be rejected), to time the import;
// - seedSynthetic: a large practice written straight to the database (2,000 referrers, 200,000 referrals,
//   50,000 touches), to time the digest.
// The clinicians are invented; the "patient" column holds placeholder test-patient labels, never names.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Practice, ReferralStatus, TouchKind } from "../core/model.ts";
import { newId } from "../core/new-id.ts";
import type { DemoStore, ReferralRow, ReferrerRow, TouchRow } from "../core/ports.ts";
import { DAY_MS, toWallClock, wallMidnight } from "../core/time/wall-clock.ts";
import { csvField } from "../import/rejects-file.ts";
import { DEMO_REASONS } from "./demo-referrers.ts";
import { LocalDays } from "./local-days.ts";
import { createRandom, cumulative, makeNpi, type Random, sampleIndex, zipfWeights } from "./random.ts";

// biome-ignore format: lists of names read better packed
const FIRST = [
  "Jennifer", "Daniel", "Maria", "James", "Priya", "Wei", "Fatima", "John", "Emily", "Carlos", "Aisha", "Michael",
  "Sofia", "David", "Grace", "Omar", "Hannah", "Luis", "Mei", "Robert", "Anna", "Kwame", "Sara", "Thomas", "Yuki",
  "Elena", "Ahmed", "Laura", "Chen", "Olivia", "Samuel", "Nadia", "Peter", "Claire", "Victor", "Julia", "Ravi",
  "Chloe", "Diego", "Amara", "Kenji", "Beatriz", "Tomasz", "Leah", "Hiroshi", "Zoe", "Ibrahim", "Natalie",
];
// biome-ignore format: lists of names read better packed
const LAST = [
  "Lee", "Patel", "Garcia", "Nguyen", "Smith", "Müller", "O'Brien", "De La Cruz", "Kim", "Johnson", "Okafor",
  "Rossi", "Schmidt", "Cohen", "Singh", "Tanaka", "Brown", "Lopez", "Ivanova", "Haddad", "Fischer", "Novak", "Silva",
  "Andersen", "Kowalski", "Murphy", "Khan", "Moreau", "Yamamoto", "Lee-Park", "Webb", "Raman", "Alvarez", "Bello",
  "Rosen", "Adeyemi", "Ortega", "Bianchi", "Mensah", "Petrova", "Wu", "Karim", "Dubois", "Anderson", "Rahman",
  "Okoro", "Santos", "Greene", "Goldberg", "Nwosu", "Martin", "Iyer", "Farouk", "Walsh", "Hernandez", "Diallo",
  "Lindqvist", "Papadopoulos", "Sato", "Costa", "Bondar", "O'Connor", "Ferreira", "Finch", "Stein", "Park",
  "Brooks", "Suleiman", "Chowdhury", "Mbeki", "Horvath", "Jansen", "Quinn", "Reyes", "Takahashi", "Volkov",
  "Whitaker", "Yilmaz", "Zhang", "Abara",
];
// biome-ignore format: lists of names read better packed
const PLACES = [
  "Riverside", "Northgate", "Lakeside", "Summit", "Harbor", "Maple Street", "Elm Grove", "Bayview", "Hillcrest",
  "Pinecrest", "Eastside", "Westside", "Valley", "Greenfield", "Oak Park", "Cedar Ridge", "Meadowbrook", "Parkview",
  "Sunnyvale", "Brookside", "Fairview", "Lincoln", "Westlake", "Kingsbridge", "Stonebridge", "Willow Creek",
  "Highland", "Clearwater", "Ashford", "Bridgeport", "Midtown", "Southpoint", "Crestwood", "Foxhall", "Glenwood",
  "Ironwood", "Juniper", "Kensington", "Laurel", "Mapleton",
];
const CLINIC_KINDS: ReadonlyArray<readonly [string, string]> = [
  ["Family Health", "Family medicine"],
  ["Family Practice", "Family medicine"],
  ["Internal Medicine", "Internal medicine"],
  ["Primary Care", "Primary care"],
  ["Community Clinic", "Primary care"],
  ["Urgent Care", "Urgent care"],
  ["Sports Medicine", "Sports medicine"],
  ["Physical Therapy", "Physical therapy"],
  ["Rheumatology", "Rheumatology"],
  ["Health Partners", "Internal medicine"],
];

interface SyntheticReferrer {
  firstName: string;
  lastName: string;
  credentials: string;
  clinic: string;
  specialty: string;
  npi: string;
}

/** `count` distinct clinicians (distinct by name and clinic, each with a valid NPI). */
function makeReferrers(count: number, random: Random): SyntheticReferrer[] {
  const clinicCount = Math.max(1, Math.ceil(count / 6));
  const clinics = Array.from({ length: clinicCount }, (_, i) => {
    const [kind, specialty] = CLINIC_KINDS[i % CLINIC_KINDS.length]!;
    const place = PLACES[Math.floor(i / CLINIC_KINDS.length) % PLACES.length]!;
    const round = Math.floor(i / (CLINIC_KINDS.length * PLACES.length));
    return { name: `${place} ${kind}${round > 0 ? ` ${round + 1}` : ""}`, specialty };
  });
  const seen = new Set<string>();
  const npis = new Set<string>();
  const out: SyntheticReferrer[] = [];
  while (out.length < count) {
    const firstName = random.pick(FIRST);
    // Past the plain combinations, double-barrelled names keep everyone distinct.
    const lastName =
      seen.size < FIRST.length * LAST.length * 0.6 ? random.pick(LAST) : `${random.pick(LAST)}-${random.pick(LAST)}`;
    const clinic = clinics[out.length % clinics.length]!;
    const key = `${firstName} ${lastName}`;
    if (seen.has(key)) continue;
    let npi = makeNpi(random);
    while (npis.has(npi)) npi = makeNpi(random);
    seen.add(key);
    npis.add(npi);
    const credentials = random.pick(["MD", "MD", "MD", "DO", "NP", "PA-C"]);
    out.push({ firstName, lastName, credentials, clinic: clinic.name, specialty: clinic.specialty, npi });
  }
  return out;
}

/** Weights for days 0…span-1 back: weekdays busy, weekends quiet. Day 0 (today) gets none. */
function dayWeights(days: LocalDays, span: number): Float64Array {
  const weights = [0];
  for (let ago = 1; ago < span; ago++) {
    const weekday = days.weekdayAgo(ago);
    weights.push(weekday <= 5 ? 1 : weekday === 6 ? 0.15 : 0.05);
  }
  return cumulative(weights);
}

// ---------------------------------------------------------------------------------------------
// The CSV report

export interface GenerateCsvOptions {
  /** Distinct referring clinicians in the report. */
  referrers: number;
  seed: number;
  now?: Date;
  /** The practice's zone (for which calendar day "today" is). */
  timeZone?: string;
  /** Roughly one row in this many is bad in one of several ways (default 1,000). */
  badEvery?: number;
}

export interface GeneratedCsv {
  path: string;
  rows: number;
  /** Rows written wrong on purpose; each must come back as a rejection. */
  badRows: number;
  headers: string[];
}

const HEADER_SPELLINGS = {
  sourceId: ["Referral ID", "Ref ID", "Referral #", "referral_id"],
  receivedAt: ["Referral Date", "Date Received", "Received Date", "referral_date"],
  patient: ["Patient Name", "Patient", "PATIENT NAME"],
  provider: ["Referring Provider", "Referring Physician", "Referred By"],
  npi: ["Referring Provider NPI", "Provider NPI", "NPI"],
  clinic: ["Referring Practice", "Referring Clinic", "Clinic"],
  specialty: ["Specialty", "Service"],
  reason: ["Reason", "Reason for Referral", "Diagnosis"],
  status: ["Status", "Referral Status"],
  appointment: ["Appointment Date", "Scheduled Date", "Appt Date"],
  seenAt: ["Seen Date", "Date Seen", "Visit Date"],
} as const;

/** US month/day/year, with or without zero padding, the way report writers print it. */
function usDate(wall: number, padded: boolean): string {
  const d = new Date(wall);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return padded
    ? `${String(m).padStart(2, "0")}/${String(day).padStart(2, "0")}/${d.getUTCFullYear()}`
    : `${m}/${day}/${d.getUTCFullYear()}`;
}

function isoDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** How the report writes a clinician's name: it varies by system, and sometimes within one. */
function providerText(r: SyntheticReferrer, style: number): string {
  switch (style) {
    case 0:
      return `Dr. ${r.firstName} ${r.lastName}`;
    case 1:
      return `${r.lastName.toUpperCase()}, ${r.firstName.toUpperCase()} ${r.credentials}`;
    default:
      return `${r.firstName} ${r.lastName}, ${r.credentials}`;
  }
}

/** Writes a realistic referral report of `rows` data rows to `path`, streaming, in a second or two. */
export async function generateReferralsCsv(
  path: string,
  rows: number,
  opts: GenerateCsvOptions,
): Promise<GeneratedCsv> {
  const random = createRandom(opts.seed);
  const now = opts.now ?? new Date();
  const days = new LocalDays(now, opts.timeZone ?? "America/New_York");
  const todayWall = wallMidnight(toWallClock(now.getTime(), opts.timeZone ?? "America/New_York"));
  const referrers = makeReferrers(opts.referrers, random);
  const byVolume = cumulative(zipfWeights(referrers.length, 1));
  const when = dayWeights(days, 730);
  const badEvery = opts.badEvery ?? 1000;
  const nameStyle = random.int(0, 2);
  const padded = random.chance(0.5);
  const headers = [
    random.pick(HEADER_SPELLINGS.sourceId),
    random.pick(HEADER_SPELLINGS.receivedAt),
    random.pick(HEADER_SPELLINGS.patient),
    random.pick(HEADER_SPELLINGS.provider),
    random.pick(HEADER_SPELLINGS.npi),
    random.pick(HEADER_SPELLINGS.clinic),
    random.pick(HEADER_SPELLINGS.specialty),
    random.pick(HEADER_SPELLINGS.reason),
    random.pick(HEADER_SPELLINGS.status),
    random.pick(HEADER_SPELLINGS.appointment),
    random.pick(HEADER_SPELLINGS.seenAt),
  ];

  const out = createWriteStream(path, { encoding: "utf8" });
  // Exports from Windows tools often start with a byte-order mark.
  let chunk = `\uFEFF${headers.map(csvField).join(",")}\r\n`;
  let badRows = 0;
  for (let i = 1; i <= rows; i++) {
    const r = referrers[sampleIndex(byVolume, random)]!;
    const ago = sampleIndex(when, random);
    const receivedWall = todayWall - ago * DAY_MS;
    let received = random.chance(0.9) ? usDate(receivedWall, padded) : isoDate(receivedWall);
    let id = `R${String(i).padStart(7, "0")}`;
    let provider = providerText(r, random.chance(0.85) ? nameStyle : random.int(0, 2));
    // Some systems leave the NPI out for some providers: those rows are matched by name and clinic.
    let npi = random.chance(0.85) ? r.npi : "";
    const [reason, service] = random.pick(DEMO_REASONS);
    let status: string;
    let appointment = "";
    let seen = "";
    const visitWall = receivedWall + random.int(6, 25) * DAY_MS;
    if (ago <= 2) status = random.pick(["New", "Pending"]);
    else if (visitWall > todayWall) {
      status = random.pick(["Scheduled", "Booked"]);
      appointment = usDate(visitWall, padded);
    } else if (random.chance(0.07)) status = random.pick(["Cancelled", "No Show"]);
    else {
      status = random.pick(["Completed", "Seen", "Completed"]);
      appointment = usDate(visitWall, padded);
      seen = usDate(visitWall, padded);
    }
    if (i % badEvery === 0) {
      badRows++;
      switch ((i / badEvery) % 6) {
        case 0:
          received = "13/45/2026";
          break;
        case 1:
          provider = "";
          break;
        case 2:
          npi = "1234567890";
          break;
        case 3:
          received = isoDate(todayWall + 30 * DAY_MS);
          break;
        case 4:
          status = "Maybe";
          break;
        default:
          // The same referral id twice: the second is refused.
          id = `R${String(i - 1).padStart(7, "0")}`;
      }
    }
    const patient = `TEST, PATIENT ${String(random.int(1, 99_999)).padStart(5, "0")}`;
    const cells = [id, received, patient, provider, npi, r.clinic, service, reason, status, appointment, seen];
    chunk += `${cells.map(csvField).join(",")}\r\n`;
    if (i % 2000 === 0 || i === rows) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  if (chunk) out.write(chunk);
  out.end();
  await once(out, "finish");
  return { path, rows, badRows, headers };
}

// ---------------------------------------------------------------------------------------------
// A large practice, straight into the database

export interface SeedSyntheticOptions {
  referrers: number;
  referrals: number;
  touches: number;
  now?: Date;
  seed?: number;
}

export interface SeedSyntheticResult {
  referrers: number;
  referrals: number;
  touches: number;
  durationMs: number;
}

const TOUCH_MIX: ReadonlyArray<readonly [TouchKind, number]> = [
  ["thank_you", 45],
  ["call", 25],
  ["feedback_request", 10],
  ["liaison_visit", 8],
  ["meeting", 7],
  ["returned_referral", 5],
];
const SPAN_DAYS = 730;
const CHUNK = 5000;

/**
 * Adds `referrers`, `referrals` (over two years, a few referrers sending most) and `touches` to the
 * practice, then refreshes every referrer's stats once. Bulk inserts in chunks; about 200,000 rows a few
 * seconds on SQLite.
 */
export async function seedSynthetic(
  store: DemoStore,
  practice: Pick<Practice, "id" | "timeZone">,
  opts: SeedSyntheticOptions,
): Promise<SeedSyntheticResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const random = createRandom(opts.seed ?? 1);
  const days = new LocalDays(now, practice.timeZone);
  const people = makeReferrers(opts.referrers, random);
  const ids = people.map(() => newId());

  const referrerRows: ReferrerRow[] = people.map((p, i) => ({
    id: ids[i]!,
    practiceId: practice.id,
    displayName: /^(MD|DO)$/.test(p.credentials) ? `Dr. ${p.firstName} ${p.lastName}` : `${p.firstName} ${p.lastName}`,
    firstName: p.firstName,
    lastName: p.lastName,
    credentials: p.credentials,
    clinic: p.clinic,
    specialty: p.specialty,
    npi: p.npi,
    phone: null,
    // A few have retired or moved away.
    status: random.chance(0.03) ? "archived" : "active",
    createdAt: now,
    updatedAt: now,
  }));
  await store.insertReferrers(referrerRows);

  const byVolume = cumulative(zipfWeights(ids.length, 1));
  const when = dayWeights(days, SPAN_DAYS);
  const nowMs = now.getTime();
  const prefix = `SYN-${practice.id.slice(-6)}-`;
  for (let start = 0; start < opts.referrals; start += CHUNK) {
    const rows: ReferralRow[] = [];
    for (let i = start; i < Math.min(opts.referrals, start + CHUNK); i++) {
      const ago = sampleIndex(when, random);
      const receivedAt = days.at(ago, random.int(8, 16), random.int(0, 59));
      const visit = new Date(receivedAt.getTime() + random.int(6, 25) * DAY_MS);
      const closed = new Date(visit.getTime() + random.int(0, 4) * DAY_MS);
      let status: ReferralStatus;
      if (ago <= 2) status = "received";
      else if (visit.getTime() > nowMs) status = "scheduled";
      else if (random.chance(0.06)) status = "cancelled";
      else status = closed.getTime() > nowMs ? "seen" : "loop_closed";
      const visited = status === "seen" || status === "loop_closed";
      const [reason, specialty] = random.pick(DEMO_REASONS);
      rows.push({
        id: newId(),
        practiceId: practice.id,
        referrerId: ids[sampleIndex(byVolume, random)]!,
        sourceId: `${prefix}${i}`,
        receivedAt,
        reason,
        specialty,
        status,
        scheduledAt: status === "received" || status === "cancelled" ? null : visit,
        seenAt: visited ? visit : null,
        loopClosedAt: status === "loop_closed" ? closed : null,
        cancelledAt: status === "cancelled" ? new Date(receivedAt.getTime() + 3 * DAY_MS) : null,
        patientRef: null,
        reportSentAt: null,
        // Entered the day it arrived, as in a practice that has used the bot all along.
        createdAt: receivedAt,
        updatedAt: receivedAt,
      });
    }
    await store.insertReferrals(rows);
  }

  // Touches follow volume, less steeply: small referrers get some attention too.
  const byAttention = cumulative(zipfWeights(ids.length, 0.7));
  const kinds = cumulative(TOUCH_MIX.map(([, w]) => w));
  for (let start = 0; start < opts.touches; start += CHUNK) {
    const rows: TouchRow[] = [];
    for (let i = start; i < Math.min(opts.touches, start + CHUNK); i++) {
      const occurredAt = days.at(sampleIndex(when, random), random.int(8, 17), random.int(0, 59));
      rows.push({
        id: newId(),
        practiceId: practice.id,
        referrerId: ids[sampleIndex(byAttention, random)]!,
        kind: TOUCH_MIX[sampleIndex(kinds, random)]![0],
        actorName: "Synthetic data",
        occurredAt,
        note: null,
        channel: "system",
        referralId: null,
        idempotencyKey: `syn:${practice.id}:${i}`,
        createdAt: occurredAt,
      });
    }
    await store.insertTouches(rows);
  }

  await store.refreshReferrerFigures(practice.id, ids, now);
  return {
    referrers: ids.length,
    referrals: opts.referrals,
    touches: opts.touches,
    durationMs: performance.now() - started,
  };
}
