// A reason as a category only ("knee", "cardiac"), for practices that show no free text in chat at all.
// A small keyword table, first match wins: specific body parts before the broad ones (a "knee" reason that
// mentions pain is a knee reason, not a pain one).

const CATEGORIES: ReadonlyArray<readonly [category: string, words: RegExp]> = [
  ["knee", /\b(knee|acl|mcl|pcl|menisc\w*|patell\w*|osgood|baker'?s cyst)\b/i],
  ["shoulder", /\b(shoulder|rotator|labr\w*|impingement|ac joint|frozen)\b/i],
  ["hip", /\b(hip|femoroacetabular|fai)\b/i],
  ["hand/wrist", /\b(hand|wrist|finger|thumb|carpal|trigger|dupuytren'?s?|de quervain'?s?)\b/i],
  ["foot/ankle", /\b(foot|feet|ankle|achilles|plantar|bunion|toe)\b/i],
  ["elbow", /\b(elbow|epicondyl\w*|tennis|golfer'?s)\b/i],
  ["neck", /\b(neck|cervical|c\d-c?\d)\b/i],
  ["spine", /\b(spine|spinal|stenosis|scoliosis|disc|radiculopathy|sciatica|l\d-[ls]?\d|t\d-t?\d|lumbar|thoracic)\b/i],
  ["back", /\b(back)\b/i],
  ["cardiac", /\b(cardiac|heart|chest pain|afib|atrial|chf|arrhythmia|murmur|stress test|ef|coronary|hypertension)\b/i],
  [
    "neurology",
    /\b(parkinson'?s|alzheimer'?s|migraine|seizure|neuropathy|tremor|bell'?s palsy|guillain|tourette|stroke)\b/i,
  ],
  ["digestive", /\b(crohn'?s|colitis|barrett'?s|gerd|colonoscopy|liver|abdominal|ibs)\b/i],
  ["endocrine", /\b(t2dm|diabetes|thyroid\w*|hashimoto'?s|graves'?|a1c|osteoporosis)\b/i],
  ["kidney/urology", /\b(kidney|renal|stones?|prostate|bladder)\b/i],
  ["skin", /\b(skin|rash|lesion|mole|derm\w*|psoriasis|eczema)\b/i],
];

/** The reason's category, or "other" when the table has none for it. */
export function reasonCategory(reason: string): string {
  for (const [category, words] of CATEGORIES) if (words.test(reason)) return category;
  return "other";
}
