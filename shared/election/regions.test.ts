import { describe, expect, it } from 'vitest';
import { REGION_WEIGHTS, ukRegions } from './regions.ts';

describe('ukRegions', () => {
  it('lists the twelve UK regions with slug ids', () => {
    const regions = ukRegions();
    expect(regions).toHaveLength(12);
    expect(REGION_WEIGHTS).toHaveLength(12);
    expect(regions[0]).toEqual({ region_id: 'north-east', name: 'North East', registered_voters: 0 });
    expect(regions.map((r) => r.region_id)).toContain('yorkshire-and-the-humber');
    expect(regions.map((r) => r.region_id)).toContain('northern-ireland');
  });
});
