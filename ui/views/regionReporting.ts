import type { RegionResult } from '../live/resultsSnapshot.ts';
import type { RegionCountState } from '../live/regionCount.ts';

// How a region's count reads on the page (the state itself comes from live/regionCount.ts).

/** The state as a short phrase for the page: "complete", "reporting", "no votes yet", "register not known". */
export function describeCountState(state: RegionCountState): string {
  switch (state) {
    case 'complete': return 'complete';
    case 'reporting': return 'reporting';
    case 'no-votes': return 'no votes yet';
    case 'no-register': return 'register not known';
  }
}

/** How many of `regions` are complete, as [complete, total]. */
export function completeRegions(regions: readonly RegionResult[]): [complete: number, total: number] {
  return [regions.filter((r) => r.count === 'complete').length, regions.length];
}

/** The one-line explanation of "reporting" and "complete" shown under the map. */
export const COUNT_COMPLETE_NOTE = 'A region is “reporting” while its votes are being counted, and its count is “complete” once the polls have closed and the count has read every vote cast (or every registered voter’s vote is counted).';
