import type { RegionResult } from '../live/resultsSnapshot.ts';

// How far a region's count has got. Tally has no "polls closed" or "declared" signal: all it knows
// is how many votes it has counted and how many voters are registered. So a region reports the
// share of its registered voters counted, and is "complete" only when that share reaches 100%
// (every registered voter's vote counted); short of that it is still counting, however high the
// share. This is said on the page, so nobody reads "counting" as "polls still open".

export type RegionCountState = 'complete' | 'counting' | 'no-votes' | 'no-register';

/** The state of `region`'s count (see above). */
export function regionCountState(region: RegionResult): RegionCountState {
  if (region.registered_voters <= 0) return 'no-register';
  if (region.votes >= region.registered_voters) return 'complete';
  return region.votes > 0 ? 'counting' : 'no-votes';
}

/** The state as a short phrase for the page. */
export function describeCountState(state: RegionCountState): string {
  switch (state) {
    case 'complete': return 'count complete';
    case 'counting': return 'counting';
    case 'no-votes': return 'no votes counted yet';
    case 'no-register': return 'register not known';
  }
}

/** How many of `regions` are complete, as [complete, total]. */
export function completeRegions(regions: RegionResult[]): [complete: number, total: number] {
  return [regions.filter((r) => regionCountState(r) === 'complete').length, regions.length];
}

/** The one-line explanation of "complete" shown under the map and the headline. */
export const COUNT_COMPLETE_NOTE = 'A region’s count is complete when every registered voter’s vote is counted; Tally has no polls-closed signal, so until then it shows the share of registered voters counted.';
