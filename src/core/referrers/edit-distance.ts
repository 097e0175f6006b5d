// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours
// ("Pattel" → "Patel" is 1, "Nugyen" → "Nguyen" is 1). Used to decide whether a fuzzy hit is close enough.

// Three reusable rows: a typo lookup measures hundreds of names, and fresh arrays for each would feed the GC.
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** The distance, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // A shared start or end never changes the distance, and names that differ by a typo share most of both.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  // Keep one shared character on each side so a swap across the boundary ("ab" → "ba") still counts as one.
  start = Math.max(0, start - 1);
  endA = Math.min(a.length, endA + 1);
  endB = Math.min(b.length, endB + 1);
  return coreDistance(a.slice(start, endA), b.slice(start, endB), limit);
}

function coreDistance(a: string, b: string, limit: number): number {
  if (rows[0].length <= b.length)
    rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [beforePrevious, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const recycled = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = recycled;
  }
  const distance = previous[b.length]!;
  return distance > limit ? limit + 1 : distance;
}
