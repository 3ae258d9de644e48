// Pure comparison of two keyed counts (a tally topic against the same count computed elsewhere).

export interface CountDifference {
  key: string;
  expected: number;
  actual: number;
}

/**
 * The keys whose counts differ between `expected` and `actual` (a missing key counts 0), sorted by key.
 * @returns [] when they are equal
 */
export function compareCounts(expected: Map<string, number>, actual: Map<string, number>): CountDifference[] {
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  const differences: CountDifference[] = [];
  for (const key of [...keys].sort()) {
    const e = expected.get(key) ?? 0;
    const a = actual.get(key) ?? 0;
    if (e !== a) differences.push({ key, expected: e, actual: a });
  }
  return differences;
}

/** A one-line summary such as "3 keys differ: c1 expected 5 got 4, ...". */
export function describeDifferences(differences: CountDifference[], limit = 3): string {
  if (differences.length === 0) return 'equal';
  const shown = differences.slice(0, limit).map((d) => `${d.key} expected ${d.expected} got ${d.actual}`).join(', ');
  return `${differences.length} key(s) differ: ${shown}${differences.length > limit ? ', …' : ''}`;
}

/** Folds rows into key → count, the key being the given columns joined by '|' (splitKey undoes it). */
export function countsByKey(rows: Iterable<Record<string, unknown>>, keyColumns: string[], countColumn: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = keyColumns.map((c) => String(row[c])).join('|');
    counts.set(key, (counts.get(key) ?? 0) + Number(row[countColumn] ?? 0));
  }
  return counts;
}

/**
 * A key of countsByKey as its `columns` values again. A value holding a '|' makes the split
 * ambiguous: the key then comes back whole, as one value.
 * @returns `columns` values, or [key]
 */
export function splitKey(key: string, columns: number): string[] {
  const values = key.split('|');
  return values.length === columns ? values : [key];
}
