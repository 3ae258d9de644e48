import type { VoteSummary } from '../election/simulator.ts';

export { nothingToDoMessage as nothingLeftMessage } from '../election/nothing-to-do.ts';

/**
 * Lines describing an election night once it is over: who abstained, and each region's planned
 * turnout and whether it reported late. Empty for a flat-rate run.
 */
export function describeNight(summary: Pick<VoteSummary, 'abstained' | 'regions'>): string[] {
  if (!summary.regions) return [];
  const regions = Object.entries(summary.regions)
    .map(([id, plan]) => `${id} ${(plan.turnout * 100).toFixed(0)}%${plan.late ? ' (late)' : ''}`);
  return [`${summary.abstained} registered voters abstained`, `planned turnout: ${regions.join(', ')}`];
}
