import type { Region } from './model.ts';

/** The twelve UK regions (nine English regions and the three nations), ids are slugs of the names. */
export const UK_REGION_NAMES = [
  'North East', 'North West', 'Yorkshire and the Humber', 'East Midlands', 'West Midlands',
  'East of England', 'London', 'South East', 'South West', 'Wales', 'Scotland', 'Northern Ireland',
] as const;

/**
 * A region's id made from its name: lower case, runs of other characters than a-z and 0-9 as one
 * "-", none at either end ("Yorkshire and the Humber" -> "yorkshire-and-the-humber").
 */
export function regionSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Region records with registered_voters 0: the real count is set from Postgres after registration. */
export function ukRegions(): Region[] {
  return UK_REGION_NAMES.map((name) => ({ region_id: regionSlug(name), name, registered_voters: 0 }));
}

// Rough shares of the UK electorate, so voters spread unevenly (London and the South East are
// larger than the North East), and deterministically.
export const REGION_WEIGHTS: readonly number[] = [4, 11, 8, 7, 9, 9, 13, 14, 8, 5, 8, 3];
