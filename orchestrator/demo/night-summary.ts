import { ukRegions } from '../../shared/election/regions.ts';
import { formatCount } from '../../shared/format.ts';
import type { VoteSummary } from '../election/simulator.ts';

export { nothingToDoMessage as nothingLeftMessage } from '../election/nothing-to-do.ts';

/**
 * Lines describing an election night once it is over: who abstained, and each region's planned
 * turnout (by its name; the id where the region is not one of the UK's) and whether it reported
 * late. Empty for a flat-rate run.
 */
export function describeNight(summary: Pick<VoteSummary, 'abstained' | 'regions'>): string[] {
  if (!summary.regions) return [];
  const names = new Map(ukRegions().map((r) => [r.region_id, r.name]));
  const regions = Object.entries(summary.regions)
    .map(([id, plan]) => `${names.get(id) ?? id} ${(plan.turnout * 100).toFixed(0)}%${plan.late ? ' (reports late)' : ''}`);
  return [`${formatCount(summary.abstained)} registered voters abstained`, `planned turnout: ${regions.join(', ')}`];
}
