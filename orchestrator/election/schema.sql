-- Tally's Postgres schema: the register (parties, regions, candidates, voters) that Flink's JDBC
-- lookup joins read, and the archive of counted votes (one row per voter) that Flink writes.
-- Idempotent: safe to run on every start.

CREATE TABLE IF NOT EXISTS parties (
  party_id    TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  color       TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS regions (
  region_id          TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  registered_voters  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS candidates (
  candidate_id       TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  gender             TEXT NOT NULL,
  party_id           TEXT NOT NULL REFERENCES parties (party_id),
  biography          TEXT NOT NULL,
  campaign_platform  TEXT NOT NULL,
  photo_url          TEXT NOT NULL
);

-- The register's one large table (a million rows for a national election), written by COPY. Its
-- keys: voter_id (what the count and the checks look voters up by) and registration_number (the
-- register's own uniqueness rule). No foreign key to regions and no index on region_id: the per-row
-- foreign-key check was a third of Postgres' work in a 1M-voter COPY (12.9 s without it, 18.2 s
-- with it), and nothing reads voters by region but whole-table GROUP BYs. A voter whose region is
-- not registered still shows: `tally check` fails "registered voters per region add up" (the
-- per-region counts join regions, so such a voter is missing from their sum).
CREATE TABLE IF NOT EXISTS voters (
  voter_id             TEXT PRIMARY KEY,
  name                 TEXT NOT NULL,
  date_of_birth        DATE NOT NULL,
  gender               TEXT NOT NULL,
  nationality          TEXT NOT NULL,
  registration_number  TEXT NOT NULL UNIQUE,
  street               TEXT NOT NULL,
  city                 TEXT NOT NULL,
  region_id            TEXT NOT NULL,
  country              TEXT NOT NULL,
  postcode             TEXT NOT NULL,
  email                TEXT NOT NULL,
  phone                TEXT NOT NULL,
  cell                 TEXT NOT NULL,
  picture              TEXT NOT NULL,
  registered_age       INTEGER NOT NULL
);
ALTER TABLE voters DROP CONSTRAINT IF EXISTS voters_region_id_fkey;
DROP INDEX IF EXISTS voters_region_idx;

-- One counted vote per voter: the primary key is the rule, and Flink's JDBC sink upserts on it,
-- so a replay after a restart rewrites the same row instead of adding one. No foreign keys: only
-- votes of registered voters for registered candidates reach this table (the count checks both),
-- `tally check` verifies it ("every vote has a voter / a candidate"), and two foreign-key lookups
-- per row were a third of Postgres' work at 15k votes/s.
CREATE TABLE IF NOT EXISTS votes (
  voter_id      TEXT PRIMARY KEY,
  vote_id       TEXT NOT NULL,
  candidate_id  TEXT NOT NULL,
  region_id     TEXT NOT NULL,
  -- Epoch milliseconds, as on Kafka (no time-zone conversion on the way); cast_at derives from it.
  cast_at_ms    BIGINT NOT NULL,
  cast_at       TIMESTAMPTZ GENERATED ALWAYS AS (to_timestamp(cast_at_ms / 1000.0)) STORED
);
ALTER TABLE votes DROP CONSTRAINT IF EXISTS votes_voter_id_fkey;
ALTER TABLE votes DROP CONSTRAINT IF EXISTS votes_candidate_id_fkey;
-- No index but the key: what reads this table (tally check, tally recount) scans it whole, and a
-- second B-tree cost every counted vote another index insert.
DROP INDEX IF EXISTS votes_candidate_idx;

-- What the tallies' candidate lookups read: a candidate with its party, one row per candidate_id.
CREATE OR REPLACE VIEW candidate_details AS
SELECT c.candidate_id, c.name AS candidate_name, c.party_id, p.name AS party_name,
       p.color AS party_color, c.photo_url
FROM candidates c
JOIN parties p ON p.party_id = c.party_id;

-- The election night as the vote simulator runs it (tally demo), for the page: when the polls
-- opened, when they are due to close, and when the last planned vote was cast (NULL while open).
-- One row; empty when no night was run (tally vote at a flat rate). Epoch milliseconds.
CREATE TABLE IF NOT EXISTS polling_day (
  one           BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  opened_at_ms  BIGINT NOT NULL,
  closes_at_ms  BIGINT NOT NULL,
  closed_at_ms  BIGINT
);
