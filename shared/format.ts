// How counts read wherever Tally shows them, in the terminal and on the page: British grouping.

const counts = new Intl.NumberFormat('en-GB');

/** A count with thousands separators ("300,000"); null or a non-finite number reads '–'. */
export function formatCount(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : counts.format(value);
}
