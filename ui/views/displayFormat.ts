import { isDateRepresentable } from '../../shared/election/tallyValues.ts';

// How figures read on the page: British grouping, one-decimal percentages, UTC clock times.
// Every formatter is total: a value it cannot show (not finite, a time no Date can hold) reads '–'.

export { formatCount } from '../../shared/format.ts';

const UNKNOWN = '–';

/** 0..1 as a percentage with one decimal; null or a non-finite number reads '–'. */
export function formatPercent(fraction: number | null): string {
  return fraction === null || !Number.isFinite(fraction) ? UNKNOWN : `${(fraction * 100).toFixed(1)}%`;
}

/** Epoch ms as HH:MM:SS UTC; null or a time a Date cannot hold reads '–'. */
export function formatClock(epochMs: number | null): string {
  return epochMs === null || !isDateRepresentable(epochMs) ? UNKNOWN : `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}

/** Epoch ms as HH:MM (UTC), for chart axes; a time a Date cannot hold reads '–'. */
export function formatMinute(epochMs: number): string {
  return isDateRepresentable(epochMs) ? new Date(epochMs).toISOString().slice(11, 16) : UNKNOWN;
}

/** A delay in ms as "250 ms", "1.5 s" or "3 min"; null or a non-finite number reads '–'. */
export function formatDelay(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return UNKNOWN;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
