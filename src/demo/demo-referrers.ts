// The demo practice's referring clinicians: an orthopedic practice's usual mix of primary care, urgent
// care, sports medicine, physical therapy and rheumatology. Names that test the bot's name handling are
// here on purpose: two Lees (Jennifer, Daniel) and a Jennifer Lee-Park, a Müller, an O'Brien, a Nguyen.
// Clinicians only; no patient appears anywhere in the demo.

/**
 * What the demo makes of a referrer, beyond their share of the volume:
 * - top: the biggest referrer, not met in person for seven months;
 * - closeLoop: two patients seen in the last days and nobody has called back;
 * - thank: referrals this week and no thank-you since;
 * - problem: negative feedback left open for ten days;
 * - quiet: sent a patient every nine days or so, nothing for forty;
 * - welcome: first referral ever, this week;
 * - archived: retired or moved away; old referrals only;
 * - none: added by hand, never referred yet.
 */
export type DemoRole =
  | "regular"
  | "top"
  | "closeLoop"
  | "thank"
  | "problem"
  | "quiet"
  | "welcome"
  | "archived"
  | "none";

export interface DemoReferrer {
  firstName: string;
  lastName: string;
  credentials: string;
  clinic: string;
  specialty: string;
  role: DemoRole;
}

const r = (
  name: string,
  credentials: string,
  clinic: string,
  specialty: string,
  role: DemoRole = "regular",
): DemoReferrer => {
  const words = name.split(" ");
  return { firstName: words.slice(0, -1).join(" "), lastName: words.at(-1)!, credentials, clinic, specialty, role };
};

const FM = "Family medicine";
const IM = "Internal medicine";
const PC = "Primary care";
const UC = "Urgent care";
const SM = "Sports medicine";
const PT = "Physical therapy";
const RH = "Rheumatology";

/** Referrers who send patients, busiest first: their volume falls off as 1/rank (a Zipf split). */
export const RANKED_REFERRERS: readonly DemoReferrer[] = [
  r("Jennifer Lee", "MD", "Riverside Family Health", FM, "top"),
  r("Marcus Webb", "DO", "Northgate Internal Medicine", IM),
  r("Priya Raman", "MD", "Lakeside Primary Care", PC),
  r("Carlos Alvarez", "MD", "Summit Sports Medicine", SM),
  r("Jennifer Lee-Park", "MD", "Harbor Health Partners", IM, "closeLoop"),
  r("Daniel Lee", "MD", "Lakeside Primary Care", PC, "thank"),
  r("Aisha Bello", "MD", "Maple Street Family Practice", FM),
  r("Rachel Cohen", "NP", "CityCare Urgent Care", UC),
  r("Tomasz Kowalski", "DPT", "Motion Physical Therapy", PT),
  r("Grace Okafor", "MD", "Bayview Rheumatology", RH),
  r("Anna Müller", "MD", "Elm Grove Internal Medicine", IM, "problem"),
  r("Kenji Watanabe", "MD", "Northgate Internal Medicine", IM),
  r("Emily Chen", "PA-C", "Westside Urgent Care", UC),
  r("David Rosen", "MD", "Riverside Family Health", FM),
  r("Maria Garcia", "MD", "Hillcrest Family Medicine", FM),
  r("Olumide Adeyemi", "MD", "Harbor Health Partners", PC),
  r("Hannah Schmidt", "DO", "Summit Sports Medicine", SM),
  r("Luis Ortega", "MD", "Eastside Community Clinic", PC),
  r("Fatima Haddad", "MD", "Maple Street Family Practice", FM),
  r("Michael Brown", "MD", "Pinecrest Primary Care", PC),
  r("Sarah Kim", "DPT", "Peak Performance Physical Therapy", PT),
  r("James Patel", "MD", "Valley Internal Medicine", IM),
  r("Laura Bianchi", "MD", "Bayview Rheumatology", RH),
  r("Kwame Mensah", "MD", "CityCare Urgent Care", UC),
  r("Sofia Petrova", "MD", "Hillcrest Family Medicine", FM),
  r("Robert Johnson", "MD", "Pinecrest Primary Care", PC),
  r("Mei Lin Wu", "NP", "Eastside Community Clinic", PC),
  r("Ahmed Karim", "MD", "Valley Internal Medicine", IM),
  r("Claire Dubois", "MD", "Lakeside Primary Care", PC),
  r("Thomas Anderson", "PA-C", "Westside Urgent Care", UC),
  r("Nadia Rahman", "MD", "Elm Grove Internal Medicine", IM),
  r("Benjamin Okoro", "DO", "Summit Sports Medicine", SM),
  r("Isabel Santos", "MD", "Riverside Family Health", FM),
  r("Patrick Murphy", "MD", "Harbor Health Partners", IM),
  r("Yuki Tanaka", "DPT", "Motion Physical Therapy", PT),
  r("Elena Rossi", "MD", "Bayview Rheumatology", RH),
  r("Samuel Greene", "MD", "Greenfield Family Medicine", FM),
  r("Leah Goldberg", "NP", "Greenfield Family Medicine", FM),
  r("Victor Nwosu", "MD", "Eastside Community Clinic", PC),
  r("Chloe Martin", "MD", "Northgate Internal Medicine", IM),
  r("Ravi Iyer", "MD", "Valley Internal Medicine", IM),
  r("Julia Novak", "MD", "Hillcrest Family Medicine", FM),
  r("Omar Farouk", "MD", "CityCare Urgent Care", UC),
  r("Megan Walsh", "DPT", "Peak Performance Physical Therapy", PT),
  r("Diego Hernandez", "MD", "Pinecrest Primary Care", PC),
  r("Amara Diallo", "MD", "Maple Street Family Practice", FM),
  r("Peter Lindqvist", "MD", "Greenfield Family Medicine", FM),
  r("Zoe Papadopoulos", "DO", "Westside Urgent Care", UC),
  r("Hiroshi Sato", "MD", "Elm Grove Internal Medicine", IM),
  r("Beatriz Costa", "NP", "Lakeside Primary Care", PC),
  r("Kateryna Bondar", "MD", "Hillcrest Family Medicine", FM),
  r("Liam O'Connor", "PA-C", "Summit Sports Medicine", SM),
  r("Ana Lucia Ferreira", "MD", "Bayview Rheumatology", RH),
];

/** Referrers whose history is scripted rather than drawn from the Zipf split. */
export const SCRIPTED_REFERRERS: readonly DemoReferrer[] = [
  r("Sean O'Brien", "MD", "Greenfield Family Medicine", FM, "quiet"),
  r("Minh Nguyen", "MD", "Eastside Community Clinic", FM, "welcome"),
  r("Harold Finch", "MD", "Pinecrest Primary Care", PC, "archived"),
  r("Gloria Stein", "MD", "Valley Internal Medicine", IM, "archived"),
  r("Dennis Park", "DO", "CityCare Urgent Care", UC, "archived"),
  r("Natalie Brooks", "MD", "Riverside Family Health", FM, "none"),
  r("Ibrahim Suleiman", "MD", "Harbor Health Partners", PC, "none"),
];

/** Physicians are "Dr."; nurse practitioners, physician assistants and therapists go by their name. */
export function demoDisplayName(referrer: DemoReferrer): string {
  const full = `${referrer.firstName} ${referrer.lastName}`;
  return /^(MD|DO)$/.test(referrer.credentials) ? `Dr. ${full}` : full;
}

/** Why orthopedic referrals come in, with the service each goes to. Reasons describe problems, never people. */
export const DEMO_REASONS: ReadonlyArray<readonly [string, string]> = [
  ["Knee pain, suspected meniscus tear", "Sports medicine"],
  ["Shoulder pain, possible rotator cuff tear", "Sports medicine"],
  ["ACL tear on MRI", "Sports medicine"],
  ["Ankle sprain not improving after 6 weeks", "Foot & ankle"],
  ["Plantar fasciitis, failed conservative care", "Foot & ankle"],
  ["Low back pain with radiculopathy", "Spine"],
  ["Neck pain with arm numbness", "Spine"],
  ["Hip osteoarthritis, evaluate for replacement", "Joint replacement"],
  ["Knee osteoarthritis, injections no longer helping", "Joint replacement"],
  ["Carpal tunnel syndrome", "Hand"],
  ["Trigger finger", "Hand"],
  ["Wrist fracture follow-up", "Hand"],
  ["Lateral epicondylitis", "General orthopedics"],
  ["Frozen shoulder", "General orthopedics"],
  ["Stress fracture, runner", "Sports medicine"],
  ["Inflammatory arthritis with joint damage", "Joint replacement"],
];

/** Who at the demo practice does the relationship work: they appear as the authors of touches. */
export const DEMO_STAFF = {
  physician: "Dr. Priya Shah",
  liaison: "Sam Ortiz",
  coordinator: "Maria Chen",
} as const;
