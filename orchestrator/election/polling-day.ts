import { hash32 } from '../../shared/election/ids.ts';

// An election night compressed into minutes. Polls are open 07:00-22:00; people vote on a curve
// (a morning bump before work, lunchtime, the evening peak after work), not at a flat rate. Each
// region has its own turnout around the chosen one, and its own reporting pace: most regions'
// votes arrive as they are cast, but the regions where the expected winner leads arrive late in
// the night, so another party leads early, the map fills in region by region, and the lead can
// change. Everything is a hash of the seed and the voter id: the same seed gives the same night,
// in whatever order voters are read.

/** Relative share of the day's votes in each hour the polls are open, 07:00 to 21:00-22:00 (shared/election/polling-clock.ts). */
export const VOTES_BY_HOUR: readonly number[] = [6, 9, 6, 5, 5, 7, 6, 4.5, 4.5, 5.5, 8, 10, 10, 8, 5];
export { POLLS_OPEN_HOUR, pollingClock } from '../../shared/election/polling-clock.ts';

export interface PollingDayOptions {
  seed: number;
  /** Region ids with their weights in the register (how many voters each has, relatively). */
  regions: readonly { region_id: string; weight: number }[];
  /** The expected share of a region's votes per party id (Ballot.partyShares). */
  partyShares(regionId: string): Readonly<Record<string, number>>;
  /** Average turnout, 0..1; regions spread up to ±0.10 around it (never below 0.05 or above 1). */
  turnout: number;
  /** How long the polling day lasts on the wall clock, ms (> 0). */
  durationMs: number;
}

export interface RegionPlan {
  /** Share of the region's registered voters who vote, 0..1. */
  turnout: number;
  /** Share of the night that passes before the region's first votes arrive, 0..1. */
  lag: number;
  late: boolean;
}

export interface PollingDay {
  readonly durationMs: number;
  readonly regions: Readonly<Record<string, RegionPlan>>;
  /** When a voter's vote arrives, in ms after the polls open; null when the voter abstains. */
  arrivalMs(voterId: string, regionId: string): number | null;
}

const TURNOUT_SPREAD = 0.1;
const UNIT = 2 ** 32;

/**
 * Plans the polling day (see above).
 * @throws RangeError when turnout is outside 0..1 or durationMs is not a positive number
 */
export function createPollingDay(options: PollingDayOptions): PollingDay {
  const { seed, turnout, durationMs } = options;
  if (!(turnout >= 0 && turnout <= 1)) throw new RangeError(`turnout must be within 0..1, not ${turnout}`);
  if (!(durationMs > 0)) throw new RangeError(`the polling day must last a positive time, not ${durationMs} ms`);
  const lateRegions = lateRegionIds(options.regions, options.partyShares);
  const spread = Math.min(TURNOUT_SPREAD, 1 - turnout, Math.max(0, turnout - 0.05));
  const regions: Record<string, RegionPlan> = {};
  for (const { region_id } of options.regions) {
    const late = lateRegions.has(region_id);
    const lagDraw = hash32('lag', seed, region_id) / UNIT;
    regions[region_id] = {
      turnout: turnout + (2 * (hash32('turnout', seed, region_id) / UNIT) - 1) * spread,
      lag: late ? 0.3 + 0.15 * lagDraw : 0.06 * lagDraw,
      late,
    };
  }
  return {
    durationMs,
    regions,
    arrivalMs(voterId, regionId) {
      const region = regions[regionId] ?? { turnout, lag: 0, late: false };
      if (hash32('votes', seed, voterId) / UNIT >= region.turnout) return null;
      const castAt = dayFraction(hash32('cast-time', seed, voterId) / UNIT);
      return Math.floor((region.lag + (1 - region.lag) * castAt) * durationMs);
    },
  };
}

/**
 * The share of the polling day (0..1) by which a share `u` (0..1) of the day's votes has been
 * cast: the inverse of the cumulative VOTES_BY_HOUR curve, linear within an hour.
 */
export function dayFraction(u: number): number {
  const total = VOTES_BY_HOUR.reduce((sum, w) => sum + w, 0);
  let left = Math.min(Math.max(u, 0), 1) * total;
  for (let hour = 0; hour < VOTES_BY_HOUR.length; hour++) {
    const weight = VOTES_BY_HOUR[hour]!;
    if (left <= weight) return (hour + left / weight) / VOTES_BY_HOUR.length;
    left -= weight;
  }
  return 1;
}

/**
 * The regions that report late: those where the expected national winner leads, so it trails
 * early on. At most half of the regions, the heaviest first.
 */
function lateRegionIds(regions: PollingDayOptions['regions'], partyShares: PollingDayOptions['partyShares']): Set<string> {
  const national = new Map<string, number>();
  const localLeader = new Map<string, string>();
  for (const r of regions) {
    const shares = Object.entries(partyShares(r.region_id)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (shares[0]) localLeader.set(r.region_id, shares[0][0]);
    for (const [party, share] of shares) national.set(party, (national.get(party) ?? 0) + share * r.weight);
  }
  const winner = [...national].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const theirs = regions.filter((r) => localLeader.get(r.region_id) === winner).sort((a, b) => b.weight - a.weight);
  return new Set(theirs.slice(0, Math.floor(regions.length / 2)).map((r) => r.region_id));
}
