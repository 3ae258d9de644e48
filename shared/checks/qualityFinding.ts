// What a `tally check` check found, as figures rather than a sentence: the CLI prints its own
// one-line detail with the exact keys, and the results page puts these figures in words for a
// person (names for ids, clock times for buckets). Both sides read this file; the checks write it.

/** One key whose count differs between a tally topic and Postgres. */
export interface KeyedCountDifference {
  /** The key's values, one per key column of the finding; the whole key as one value when it could not be split. */
  key: string[];
  /** What the register calls each value of `key` (a region's or candidate's name); null for a bucket's start or an id the register does not hold. */
  names: (string | null)[];
  /** The count on the tally topic (0 where the topic has no such key). */
  tally: number;
  /** The same count from the Postgres archive (0 where Postgres has none). */
  postgres: number;
}

/** A tally topic compared key by key with the same count from the Postgres archive. */
export interface CountsFinding {
  kind: 'counts';
  /** The tally's key columns, e.g. ['region_id', 'candidate_id']; minute_start is a time bucket's start (epoch ms). */
  keyColumns: string[];
  /** How many keys either side holds. */
  keys: number;
  /** Votes on the tally topic and in Postgres, all keys together. */
  tallyTotal: number;
  postgresTotal: number;
  /** How many keys differ; `shown` holds the first few of them, in key order. */
  differing: number;
  shown: KeyedCountDifference[];
}

/** A region with more votes than registered voters. */
export interface RegionOverTurnout { region_id: string; name: string; votes: number; registered_voters: number }

/** Regions whose votes in Postgres exceed their registered voters. */
export interface OverTurnoutFinding {
  kind: 'over-turnout';
  /** How many regions are over 100%; `shown` holds the first few of them. */
  regionsOver: number;
  shown: RegionOverTurnout[];
}

/** Every event on the votes topic, counted (in Postgres) or rejected (on votes_rejected, by reason). */
export interface AccountingFinding {
  kind: 'accounting';
  /** Records on the votes topic. */
  events: number;
  counted: number;
  /** Rejected events by reason (a machine key such as duplicate_vote), sorted by reason. */
  rejected: { reason: string; events: number }[];
}

export type QualityFinding = CountsFinding | OverTurnoutFinding | AccountingFinding;

/** How many differences or regions a finding carries: the page shows a few and counts the rest. */
export const FINDING_SHOWN_LIMIT = 3;
