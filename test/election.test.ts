import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config/load.ts';
import { createKafka } from '../shared/kafka/client.ts';
import { createPool } from '../shared/postgres/connection.ts';
import { generateCandidates } from '../orchestrator/election/candidates.ts';
import type { GroundTruthFile } from '../orchestrator/election/ground-truth.ts';
import type { Candidate, Voter } from '../shared/election/model.ts';
import { partiesFromConfig } from '../orchestrator/election/parties.ts';
import { refreshRegisteredVoters } from '../orchestrator/election/register-postgres.ts';
import { registerElection, type RegistrationSummary } from '../orchestrator/election/registration.ts';
import { castVotes, type VoteSummary } from '../orchestrator/election/simulator.ts';
import { generateVoters } from '../orchestrator/election/voters.ts';
import { kafkaSettings, postgresSettings } from '../shared/config/settings.ts';

// Registration and the vote simulator against the real Kafka and Postgres. Each run gets its own
// topics and a seed of its own, and removes its voters and candidates from Postgres afterwards,
// so it never disturbs an election other tests (or people) run on the same stack.

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const topics = {
  TALLY_KAFKA__TOPICS__PARTIES: `test_parties_${run}`,
  TALLY_KAFKA__TOPICS__CANDIDATES: `test_candidates_${run}`,
  TALLY_KAFKA__TOPICS__VOTERS: `test_voters_${run}`,
  TALLY_KAFKA__TOPICS__VOTES: `test_votes_${run}`,
};
const config = loadConfig({ processEnv: { ...process.env, ...topics } });
const SEED = 700_000_000 + Math.floor(Math.random() * 100_000_000);
const VOTERS = 2_500;
const election = config.env.election;
const voters: Voter[] = generateVoters({ seed: SEED, locale: election.locale }, 0, VOTERS);
const voterIds = voters.map((v) => v.voter_id);
const candidates: Candidate[] = generateCandidates({ seed: SEED, locale: election.locale, parties: partiesFromConfig(election.parties), perParty: election.candidatesPerParty });
const pool = createPool(postgresSettings(config), 2);

interface RawMessage {
  key: string | null;
  value: string | null;
}

/** Every message of a topic up to its current end, in partition order (partitions concatenated). */
async function readWholeTopic(topic: string): Promise<RawMessage[]> {
  const kafka = createKafka(kafkaSettings(config), 'test-reader');
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const pending = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high) - 1]));
  const byPartition = new Map<number, RawMessage[]>();
  if (pending.size === 0) return [];
  const consumer = kafka.consumer({ groupId: `test-reader-${run}-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const list = byPartition.get(batch.partition) ?? [];
        byPartition.set(batch.partition, list);
        for (const m of batch.messages) {
          if (Number(m.offset) > (pending.get(batch.partition) ?? -1)) continue;
          list.push({ key: m.key?.toString() ?? null, value: m.value?.toString() ?? null });
        }
        if (Number(batch.lastOffset()) >= (pending.get(batch.partition) ?? Number.POSITIVE_INFINITY)) pending.delete(batch.partition);
        if (pending.size === 0) resolve();
      },
    });
  });
  await consumer.disconnect();
  return [...byPartition.values()].flat();
}

async function voterRows(): Promise<unknown[]> {
  const result = await pool.query("SELECT *, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM voters WHERE voter_id = ANY($1) ORDER BY voter_id", [voterIds]);
  return result.rows;
}

function combineSummaries(a: VoteSummary, b: VoteSummary): VoteSummary {
  const badEvents = { ...a.badEvents };
  for (const [kind, n] of Object.entries(b.badEvents) as [keyof typeof badEvents, number][]) badEvents[kind] += n;
  return { ...b, votes: a.votes + b.votes, alreadyVoted: a.alreadyVoted + b.alreadyVoted, badEvents, badEventsTotal: a.badEventsTotal + b.badEventsTotal };
}

/** The ground truth of consecutive runs over disjoint voters: counts add up, rejections concatenate. */
function combineTruths(parts: GroundTruthFile[]): GroundTruthFile {
  const add = (into: Record<string, number>, from: Record<string, number>): void => {
    for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  };
  const combined: GroundTruthFile = { ...parts[0]!, events_produced: 0, total_valid: 0, by_candidate: {}, by_party: {}, by_region_candidate: {}, rejected: [], surprises: [], rejected_by_reason: { ...parts[0]!.rejected_by_reason } };
  for (const key of Object.keys(combined.rejected_by_reason) as (keyof GroundTruthFile['rejected_by_reason'])[]) combined.rejected_by_reason[key] = 0;
  for (const part of parts) {
    combined.events_produced += part.events_produced;
    combined.total_valid += part.total_valid;
    add(combined.by_candidate, part.by_candidate);
    add(combined.by_party, part.by_party);
    add(combined.rejected_by_reason, part.rejected_by_reason);
    for (const [region, counts] of Object.entries(part.by_region_candidate)) add((combined.by_region_candidate[region] ??= {}), counts);
    combined.rejected.push(...part.rejected);
    combined.surprises.push(...part.surprises);
  }
  return combined;
}

afterAll(async () => {
  await pool.query('DELETE FROM votes WHERE voter_id = ANY($1)', [voterIds]);
  await pool.query('DELETE FROM voters WHERE voter_id = ANY($1)', [voterIds]);
  await pool.query('DELETE FROM candidates c WHERE candidate_id = ANY($1) AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.candidate_id = c.candidate_id)', [candidates.map((c) => c.candidate_id)]);
  await refreshRegisteredVoters(pool);
  await pool.end();
  const admin = createKafka(kafkaSettings(config), 'test-cleanup').admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
  await admin.disconnect();
});

describe('registering an election', () => {
  let firstPart: RegistrationSummary;
  let completed: RegistrationSummary;

  beforeAll(async () => {
    // The first run stops after 1200 voters (as a failed run would); the second completes it.
    firstPart = await registerElection(config, { seed: SEED, voters: 1200, chunkSize: 500, progress: false });
    completed = await registerElection(config, { seed: SEED, voters: VOTERS, chunkSize: 1000, progress: false });
  });

  it('completes a registration stopped part-way when run again, adding only the missing voters', () => {
    expect(firstPart.votersInserted).toBe(1200);
    expect(completed.votersInserted).toBe(VOTERS - 1200);
  });

  it('lands every voter in Postgres with exactly the generated values', async () => {
    const rows = (await voterRows()) as Record<string, unknown>[];
    expect(rows).toHaveLength(VOTERS);
    const byId = new Map(voters.map((v) => [v.voter_id, v]));
    for (const row of rows) expect(row).toEqual(byId.get(row.voter_id as string));
  });

  it('produces every voter to the voters topic, keyed by voter id, with the Voter as JSON value', async () => {
    const messages = await readWholeTopic(config.env.kafka.topics.voters);
    const latest = new Map(messages.map((m) => [m.key, m.value]));
    expect(latest.size).toBe(VOTERS);
    for (const v of voters) expect(JSON.parse(latest.get(v.voter_id) ?? 'null')).toEqual(v);
  });

  it('registers the parties and candidates in Postgres and on their topics', async () => {
    const rows = await pool.query('SELECT * FROM candidates WHERE candidate_id = ANY($1) ORDER BY candidate_id', [candidates.map((c) => c.candidate_id)]);
    expect(rows.rows).toEqual([...candidates].sort((a, b) => a.candidate_id.localeCompare(b.candidate_id)));
    const onTopic = await readWholeTopic(config.env.kafka.topics.candidates);
    expect(new Set(onTopic.map((m) => m.key))).toEqual(new Set(candidates.map((c) => c.candidate_id)));
    const parties = await readWholeTopic(config.env.kafka.topics.parties);
    expect(new Set(parties.map((m) => m.key))).toEqual(new Set(election.parties.map((p) => p.id)));
  });

  it('sets each region\'s registered_voters to its count in the voters table', async () => {
    const result = await pool.query<{ region_id: string; registered_voters: number; actual: string }>(
      'SELECT r.region_id, r.registered_voters, (SELECT count(*) FROM voters v WHERE v.region_id = r.region_id) AS actual FROM regions r',
    );
    expect(result.rows).toHaveLength(12);
    for (const row of result.rows) expect(row.registered_voters).toBe(Number(row.actual));
  });

  it('registering the same seed again adds no row and leaves every row identical', async () => {
    const before = await voterRows();
    const again = await registerElection(config, { seed: SEED, voters: VOTERS, chunkSize: 700, progress: false });
    expect(again.votersInserted).toBe(0);
    expect(await voterRows()).toEqual(before);
    const count = await pool.query('SELECT count(*)::int AS n FROM candidates WHERE candidate_id = ANY($1)', [candidates.map((c) => c.candidate_id)]);
    expect(count.rows[0].n).toBe(candidates.length);
  });
});

describe('the vote simulator', () => {
  let summary: VoteSummary;
  let truth: GroundTruthFile;
  let votes: RawMessage[];

  beforeAll(async () => {
    // Two runs in the same consumer group: the second continues where the first stopped.
    const dir = mkdtempSync(join(tmpdir(), 'tally-truth-'));
    const options = { seed: SEED, rate: 0, chaos: 0.1, groupId: `test-sim-${run}`, progress: false };
    const first = await castVotes(config, { ...options, count: 1000, groundTruthFile: join(dir, 'first.json') });
    const second = await castVotes(config, { ...options, count: VOTERS - 1000, groundTruthFile: join(dir, 'second.json') });
    summary = combineSummaries(first, second);
    truth = combineTruths(['first.json', 'second.json'].map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GroundTruthFile));
    votes = await readWholeTopic(config.env.kafka.topics.votes);
  });

  it('continues in the same consumer group where the previous run stopped, never letting a voter vote twice', () => {
    expect(summary.votes).toBe(VOTERS);
    // The voters topic holds each registration run: the second simulator run may meet the first
    // 1000 voters again (registered again after voting) and skips them, because it reads the
    // votes already on the votes topic before it starts; it stops once everyone has voted, so it
    // meets at most those 1000.
    expect(summary.alreadyVoted).toBeGreaterThanOrEqual(0);
    expect(summary.alreadyVoted).toBeLessThanOrEqual(1000);
  });

  it('casts exactly one counted vote per voter, plus the injected bad events', () => {
    expect(summary.votes).toBe(VOTERS);
    expect(summary.badEventsTotal).toBeGreaterThan(0);
    expect(votes).toHaveLength(VOTERS + summary.badEventsTotal);
    expect(truth.events_produced).toBe(votes.length);
    expect(truth.total_valid).toBe(VOTERS);
    expect(truth.surprises).toEqual([]);
  });

  it('injects every kind of bad event, each booked in the ground truth with its exact payload', () => {
    for (const kind of Object.keys(summary.badEvents) as (keyof VoteSummary['badEvents'])[]) {
      expect(summary.badEvents[kind], kind).toBeGreaterThan(0);
      expect(truth.rejected_by_reason[kind]).toBe(summary.badEvents[kind]);
    }
    const produced = new Map<string, number>();
    for (const m of votes) produced.set(m.value ?? '', (produced.get(m.value ?? '') ?? 0) + 1);
    for (const event of truth.rejected) expect(produced.get(event.payload) ?? 0, event.payload.slice(0, 60)).toBeGreaterThan(0);
    expect(truth.rejected.some((e) => e.payload.includes('<script>alert(1)</script>') || e.payload.includes('DROP TABLE'))).toBe(true);
  });

  it('has ground-truth tallies equal to a recount of the votes topic', () => {
    // An independent recount: the first well-formed vote per registered voter for a real candidate.
    const voterSet = new Set(voterIds);
    const partyOf = new Map(candidates.map((c) => [c.candidate_id, c.party_id]));
    const firstVote = new Map<string, { candidate_id: string; region_id: string }>();
    for (const m of votes) {
      if (!m.value || m.value.length > 4096) continue;
      let v: Record<string, unknown>;
      try { v = JSON.parse(m.value) as Record<string, unknown>; } catch { continue; }
      if (typeof v !== 'object' || v === null || typeof v.cast_at !== 'number' || typeof v.vote_id !== 'string' || typeof v.region_id !== 'string') continue;
      if (typeof v.voter_id !== 'string' || !voterSet.has(v.voter_id) || typeof v.candidate_id !== 'string' || !partyOf.has(v.candidate_id)) continue;
      if (!firstVote.has(v.voter_id)) firstVote.set(v.voter_id, { candidate_id: v.candidate_id, region_id: v.region_id });
    }
    expect(firstVote.size).toBe(VOTERS);
    const byCandidate: Record<string, number> = {};
    const byParty: Record<string, number> = {};
    const byRegion: Record<string, Record<string, number>> = {};
    for (const { candidate_id, region_id } of firstVote.values()) {
      byCandidate[candidate_id] = (byCandidate[candidate_id] ?? 0) + 1;
      const party = partyOf.get(candidate_id)!;
      byParty[party] = (byParty[party] ?? 0) + 1;
      byRegion[region_id] ??= {};
      byRegion[region_id][candidate_id] = (byRegion[region_id][candidate_id] ?? 0) + 1;
    }
    expect(truth.by_candidate).toEqual(byCandidate);
    expect(truth.by_party).toEqual(byParty);
    expect(truth.by_region_candidate).toEqual(byRegion);
  });

  it('casts each voter\'s vote in the voter\'s own region, keyed by voter id', () => {
    const regionOf = new Map(voters.map((v) => [v.voter_id, v.region_id]));
    let checked = 0;
    for (const m of votes) {
      let vote: { voter_id?: unknown; region_id?: unknown };
      try { vote = JSON.parse(m.value ?? '') as typeof vote; } catch { continue; }
      if (typeof vote?.voter_id !== 'string' || !regionOf.has(vote.voter_id)) continue;
      expect(m.key).toBe(vote.voter_id);
      expect(vote.region_id).toBe(regionOf.get(vote.voter_id));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(VOTERS);
  });

  it('a simulator restarted in another group casts no second vote for anyone who already voted', async () => {
    const again = await castVotes(config, { seed: SEED, count: 1, rate: 0, chaos: 0.1, groupId: `test-sim-again-${run}`, groundTruthFile: false, progress: false, signal: AbortSignal.timeout(15_000) });
    expect(again.votes).toBe(0);
    expect(again.alreadyVoted).toBe(VOTERS);
    // It stops at once when every voter registered in Postgres has voted; with other elections'
    // voters in the same database it waits until aborted. Either way it casts nothing.
    expect(['all_voted', 'aborted']).toContain(again.stoppedBecause);
    expect(await readWholeTopic(config.env.kafka.topics.votes)).toHaveLength(votes.length);
  });
});
