// A small seeded random source, so the demo and the benchmark data come out the same on every run.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough for test data (not for anything secret). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** Zipf weights 1/rank^s for ranks 1…n: a few send most, as referral volumes do. */
export function zipfWeights(n: number, s = 1.07): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
}

/** Cumulative sums, for sampling by weight with `sampleIndex`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/**
 * An index drawn with probability proportional to its weight (binary search over the cumulative sums).
 * Pass `u` in [0, 1) to choose the point yourself (stratified sampling); by default it is random.
 */
export function sampleIndex(cum: Float64Array, random: Random, u = random.next()): number {
  const target = u * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A valid NPI: nine digits starting with 1, then the Luhn check digit over "80840" and those nine. */
export function makeNpi(random: Random): string {
  const body = `1${String(random.int(0, 99_999_999)).padStart(8, "0")}`;
  const digits = `80840${body}`;
  let sum = 0;
  // Doubling starts from the digit next to the (missing) check digit.
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}
