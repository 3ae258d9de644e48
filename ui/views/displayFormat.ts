// How figures read on the page: British grouping, one-decimal percentages, UTC clock times.

const counts = new Intl.NumberFormat('en-GB');

export function formatCount(value: number | null): string {
  return value === null ? '–' : counts.format(value);
}

/** 0..1 as a percentage with one decimal. */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? '–' : `${(fraction * 100).toFixed(1)}%`;
}

/** Epoch ms as HH:MM:SS UTC. */
export function formatClock(epochMs: number | null): string {
  return epochMs === null ? '–' : `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;
}

/** Epoch ms as HH:MM (UTC), for chart axes. */
export function formatMinute(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 16);
}

export function formatDelay(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
