// The election's records, as stored in Postgres (snake_case columns) and as JSON values on Kafka.
// These shapes are a contract between the producers, the Flink SQL in flink-sql/ and the page.

export interface Party {
  party_id: string;
  name: string;
  color: string;
}

export interface Region {
  region_id: string;
  name: string;
  registered_voters: number;
}

export interface Candidate {
  candidate_id: string;
  name: string;
  gender: 'male' | 'female';
  party_id: string;
  biography: string;
  campaign_platform: string;
  /** A URL path served by the UI (an SVG avatar), so photos work offline. */
  photo_url: string;
}

export interface Voter {
  voter_id: string;
  name: string;
  /** YYYY-MM-DD */
  date_of_birth: string;
  gender: 'male' | 'female';
  nationality: string;
  registration_number: string;
  street: string;
  city: string;
  /** The voter's region ("state" in the original design): a key of the regions table. */
  region_id: string;
  country: string;
  postcode: string;
  email: string;
  phone: string;
  cell: string;
  picture: string;
  registered_age: number;
}

/** A vote as produced to the `votes` topic, keyed by voter_id. */
export interface Vote {
  vote_id: string;
  voter_id: string;
  candidate_id: string;
  /** Epoch milliseconds when the vote was cast. */
  cast_at: number;
  region_id: string;
}

/** Why the validation job rejected an event (the `reason` on votes_rejected). */
export const REJECT_REASONS = [
  'malformed',
  'oversized',
  'unknown_voter',
  'unknown_candidate',
  'duplicate_vote',
  'duplicate_delivery',
  'invalid_cast_at',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

// Tally rows: the values on the upsert-kafka tally topics, keyed by a JSON object of the primary
// key columns. A null value (tombstone) deletes the key. `last_cast_at` is the newest cast_at
// (epoch ms) counted in the row, which gives the page its vote-to-screen delay.

export interface TallyByCandidate {
  candidate_id: string;
  candidate_name: string;
  party_id: string;
  party_name: string;
  photo_url: string;
  votes: number;
  last_cast_at: number;
}

export interface TallyByParty {
  party_id: string;
  party_name: string;
  color: string;
  votes: number;
  last_cast_at: number;
}

export interface TallyByRegionCandidate {
  region_id: string;
  candidate_id: string;
  candidate_name: string;
  party_id: string;
  votes: number;
  last_cast_at: number;
}

export interface TurnoutByRegion {
  region_id: string;
  region_name: string;
  registered_voters: number;
  votes: number;
  /** votes / registered_voters, 0..1 */
  turnout: number;
  last_cast_at: number;
}

export interface VotesPerMinute {
  /** Epoch ms of the minute's start. */
  minute_start: number;
  votes: number;
  last_cast_at: number;
}

export interface RejectedByReason {
  reason: RejectReason;
  events: number;
}

/** An event on votes_rejected (upsert-kafka keyed by kafka_partition + kafka_offset of the raw event). */
export interface RejectedVote {
  kafka_partition: number;
  kafka_offset: number;
  reason: RejectReason;
  /** The raw event's first 1000 characters (what is kept is bounded, whatever the broker took). */
  payload: string;
  /** The raw event's length in characters (Unicode code points). */
  payload_chars: number;
  /** SHA-256 of the raw event's UTF-8 bytes, hex: proves which event it was. */
  payload_sha256: string;
  vote_id: string | null;
  voter_id: string | null;
  candidate_id: string | null;
}
