/** A fast seeded PRNG (mulberry32) returning floats in [0, 1); the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks an index with probability proportional to its weight, using one draw `r` in [0, 1). */
export function weightedIndex(weights: readonly number[], r: number): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let target = r * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** A whole number in [0, count) from one draw of `random`. */
export function randomInt(random: () => number, count: number): number {
  return Math.floor(random() * count);
}

/** One of `items`, chosen with one draw of `random`; throws when `items` is empty. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('nothing to pick from');
  return items[randomInt(random, items.length)]!;
}
