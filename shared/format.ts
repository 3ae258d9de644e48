// How counts read wherever Tally shows them, in the terminal and on the page: British grouping.

const counts = new Intl.NumberFormat('en-GB');

/** A count with thousands separators ("300,000"); null or a non-finite number reads '–'. */
export function formatCount(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : counts.format(value);
}

/** `n` with thousands separators and `noun`, in the plural unless n is 1: "300,000 voters", "1 party". */
export function formatCountOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}
