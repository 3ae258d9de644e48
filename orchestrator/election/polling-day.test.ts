import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPollingDay, dayFraction, pollingClock, VOTES_BY_HOUR } from './polling-day.ts';

const regions = [
  { region_id: 'big-north', weight: 10 },
  { region_id: 'small-north', weight: 3 },
  { region_id: 'south', weight: 8 },
  { region_id: 'east', weight: 6 },
];
// The north prefers A, the rest B; A wins nationally (0.7 of 13 plus its share of the south and east).
const shares: Record<string, Record<string, number>> = {
  'big-north': { A: 0.7, B: 0.3 }, 'small-north': { A: 0.7, B: 0.3 }, south: { A: 0.4, B: 0.6 }, east: { A: 0.45, B: 0.55 },
};
const night = (turnout = 0.65, seed = 1) => createPollingDay({ seed, regions, partyShares: (r) => shares[r]!, turnout, durationMs: 300_000 });
const voters = Array.from({ length: 20_000 }, (_, i) => ({ id: randomUUID(), region: regions[i % regions.length]!.region_id }));

describe('an election night', () => {
  it('gives each region its own turnout, within 0.10 of the chosen one', () => {
    const turnouts = Object.values(night().regions).map((r) => r.turnout);
    for (const t of turnouts) expect(Math.abs(t - 0.65)).toBeLessThanOrEqual(0.1);
    expect(new Set(turnouts.map((t) => t.toFixed(3))).size).toBe(turnouts.length);
  });

  it('lets about the planned share of a region vote, and the rest abstain', () => {
    const day = night();
    const north = voters.filter((v) => v.region === 'big-north');
    const voted = north.filter((v) => day.arrivalMs(v.id, v.region) !== null).length;
    expect(voted / north.length).toBeCloseTo(day.regions['big-north']!.turnout, 1);
  });

  it('has everybody vote at turnout 1 and nobody at turnout 0', () => {
    expect(voters.every((v) => night(1).arrivalMs(v.id, v.region) !== null)).toBe(true);
    expect(voters.every((v) => night(0).arrivalMs(v.id, v.region) === null)).toBe(true);
  });

  it('is the same night for the same seed, whatever the order voters are read in', () => {
    const a = night(0.65, 7);
    const b = night(0.65, 7);
    const forward = voters.map((v) => a.arrivalMs(v.id, v.region));
    const backward = [...voters].reverse().map((v) => b.arrivalMs(v.id, v.region)).reverse();
    expect(backward).toEqual(forward);
    expect(voters.map((v) => night(0.65, 8).arrivalMs(v.id, v.region))).not.toEqual(forward);
  });

  it('delivers every vote within the night', () => {
    for (const v of voters) {
      const at = night().arrivalMs(v.id, v.region);
      if (at === null) continue;
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThan(300_000);
    }
  });

  it('holds back the regions where the expected winner leads, so another party leads early', () => {
    const day = night();
    expect(day.regions['big-north']!.late).toBe(true);
    expect(day.regions.south!.late).toBe(false);
    const firstHour = voters.map((v) => day.arrivalMs(v.id, v.region)).filter((at): at is number => at !== null && at < 60_000);
    const earlyNorth = voters.filter((v) => v.region === 'big-north' && (day.arrivalMs(v.id, v.region) ?? Infinity) < 60_000);
    expect(firstHour.length).toBeGreaterThan(0);
    expect(earlyNorth).toEqual([]);
  });

  it('rejects a turnout outside 0..1 and a night without length', () => {
    expect(() => night(1.5)).toThrow(RangeError);
    expect(() => createPollingDay({ seed: 1, regions, partyShares: (r) => shares[r]!, turnout: 0.5, durationMs: 0 })).toThrow(RangeError);
  });
});

describe('the polling day curve', () => {
  it('maps vote shares onto the day, monotonically, from opening to close', () => {
    expect(dayFraction(0)).toBe(0);
    expect(dayFraction(1)).toBe(1);
    let last = 0;
    for (let u = 0; u <= 1; u += 0.01) {
      expect(dayFraction(u)).toBeGreaterThanOrEqual(last);
      last = dayFraction(u);
    }
  });

  it('has more votes in the evening peak and at breakfast than mid-afternoon', () => {
    const afternoon = VOTES_BY_HOUR[14 - 7]!;
    expect(VOTES_BY_HOUR[18 - 7]!).toBeGreaterThan(afternoon * 2);
    expect(VOTES_BY_HOUR[8 - 7]!).toBeGreaterThan(afternoon);
    const share = (from: number, to: number): number => voters.filter((v) => {
      const f = dayFraction(Number.parseInt(v.id.slice(0, 8), 16) / 2 ** 32);
      return f >= (from - 7) / 15 && f < (to - 7) / 15;
    }).length / voters.length;
    expect(share(18, 19)).toBeGreaterThan(share(14, 15) * 1.8);
  });

  it('reads as a clock from 07:00 to 22:00', () => {
    expect(pollingClock(0, 300_000)).toBe('07:00');
    expect(pollingClock(150_000, 300_000)).toBe('14:30');
    expect(pollingClock(400_000, 300_000)).toBe('22:00');
  });
});
