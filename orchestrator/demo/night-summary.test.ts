import { describe, expect, it } from 'vitest';
import { describeNight } from './night-summary.ts';

describe('describeNight', () => {
  it('names each region, says which reported late, and groups thousands', () => {
    const lines = describeNight({ abstained: 105_579, regions: { 'north-east': { turnout: 0.68, lag: 0, late: false }, 'yorkshire-and-the-humber': { turnout: 0.694, lag: 0.3, late: true }, atlantis: { turnout: 0.5, lag: 0, late: false } } });
    expect(lines).toEqual([
      '105,579 registered voters abstained',
      'planned turnout: North East 68%, Yorkshire and the Humber 69% (reports late), atlantis 50%',
    ]);
  });

  it('says nothing for a flat-rate run', () => {
    expect(describeNight({ abstained: 0, regions: null })).toEqual([]);
  });
});
