import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config/load.ts';
import type { RejectedVote } from '../shared/election/model.ts';
import { jobManagerEndpoint, jobRestarts } from '../orchestrator/gateway/jobmanager.ts';
import { createKafka } from '../shared/kafka/client.ts';
import { readTopicSnapshot } from '../orchestrator/kafka/snapshot.ts';
import { createPool } from '../shared/postgres/connection.ts';
import { tallyJobsOnCluster } from '../orchestrator/sql/cluster-jobs.ts';
import { resultsPageSettings, startUiServer } from '../ui/index.ts';
import { eventually } from './e2e/support/tallyTopics.ts';
import { runTally } from './support/cli.ts';
import { kafkaSettings, postgresSettings } from '../shared/config/settings.ts';

// One hostile event at a time, produced straight to the votes topic of a running election (the
// inputs of the issue "one bad event must never stop the count"): each lands in votes_rejected with
// its reason, the count job never restarts, a vote cast after it is counted, and the page and
// /api/results keep answering 200.

const config = loadConfig();
const { topics } = config.env.kafka;
const VOTED = 200;
let fresh: { voter_id: string; region_id: string }[] = [];
let candidateId = '';
let jobId = '';
let ui: Awaited<ReturnType<typeof startUiServer>>;
const producer = createKafka(kafkaSettings(config), 'test-hostile').producer();

async function rejectedFor(voteId: string): Promise<RejectedVote | undefined> {
  const rejected = await readTopicSnapshot(kafkaSettings(config), topics.votesRejected);
  return ([...rejected.rows.values()] as RejectedVote[]).find((r) => r.vote_id === voteId);
}

/** Whether the voter's counted vote (the Postgres table votes, one row per voter) is this one. */
async function isCounted(voterId: string, voteId: string): Promise<boolean> {
  const pool = createPool(postgresSettings(config), 1);
  try {
    const { rows } = await pool.query<{ vote_id: string }>('SELECT vote_id FROM votes WHERE voter_id = $1', [voterId]);
    return rows[0]?.vote_id === voteId;
  } finally {
    await pool.end();
  }
}

/** After a hostile event: no restart, the next vote of an unvoted voter is counted, the page answers. */
async function expectStillCounting(): Promise<void> {
  expect(await jobRestarts(jobManagerEndpoint(config.env.flink), jobId)).toBe(0);
  const voter = fresh.shift()!;
  const vote = { vote_id: randomUUID(), voter_id: voter.voter_id, candidate_id: candidateId, cast_at: Date.now(), region_id: voter.region_id };
  await producer.send({ topic: topics.votes, messages: [{ key: voter.voter_id, value: JSON.stringify(vote) }] });
  await eventually(async () => ((await isCounted(voter.voter_id, vote.vote_id)) ? true : undefined), 500);
  for (const path of ['', 'api/results', 'api/results.csv?kind=candidates']) expect((await fetch(`${ui.url}${path}`)).status, path).toBe(200);
}

describe('one hostile event never stops the count', () => {
  beforeAll(async () => {
    const reset = await runTally(['reset', '--yes']);
    expect(reset.code, reset.stderr).toBe(0);
    const demo = await runTally(['demo', '--until-done', '--keep-stack', '--no-ui', '--voters', String(VOTED), '--rate', '0', '--chaos', '0']);
    expect(demo.code, demo.stderr).toBe(0);
    // More voters, registered after the job read the register: found by key in Postgres.
    const more = await runTally(['register', '--voters', String(VOTED + 20)]);
    expect(more.code, more.stderr).toBe(0);
    const pool = createPool(postgresSettings(config));
    try {
      const voted = await pool.query<{ voter_id: string }>('SELECT voter_id FROM votes');
      const done = new Set(voted.rows.map((r) => r.voter_id));
      fresh = (await pool.query<{ voter_id: string; region_id: string }>('SELECT voter_id, region_id FROM voters ORDER BY voter_id')).rows.filter((v) => !done.has(v.voter_id));
      candidateId = (await pool.query<{ candidate_id: string }>('SELECT candidate_id FROM candidates LIMIT 1')).rows[0]!.candidate_id;
    } finally {
      await pool.end();
    }
    expect(fresh.length).toBe(20);
    jobId = (await tallyJobsOnCluster(jobManagerEndpoint(config.env.flink))).find((j) => j.state === 'RUNNING')!.jobId;
    await producer.connect();
    ui = await startUiServer(resultsPageSettings(config), { port: 0 });
  });

  afterAll(async () => {
    await producer.disconnect();
    await ui?.close();
  });

  it('a voter_id with a NUL byte is an unknown voter, and never reaches Postgres', async () => {
    const vote = { vote_id: randomUUID(), voter_id: 'ghost\u0000x', candidate_id: candidateId, cast_at: Date.now(), region_id: 'london' };
    await producer.send({ topic: topics.votes, messages: [{ key: 'ghost', value: JSON.stringify(vote) }] });
    expect((await eventually(() => rejectedFor(vote.vote_id)))!.reason).toBe('unknown_voter');
    await expectStillCounting();
  });

  it('a counted-looking vote whose vote_id holds a NUL byte is malformed, and never reaches the Postgres archive', async () => {
    const voter = fresh[0]!;
    const marker = randomUUID();
    const vote = { vote_id: `v\u0000${marker}`, voter_id: voter.voter_id, candidate_id: candidateId, cast_at: Date.now(), region_id: voter.region_id };
    await producer.send({ topic: topics.votes, messages: [{ key: voter.voter_id, value: JSON.stringify(vote) }] });
    expect((await eventually(() => rejectedFor(vote.vote_id), 500))!.reason).toBe('malformed');
    await expectStillCounting();
  });

  it('600,000 quote characters are rejected as oversized, and what is kept of them is bounded', async () => {
    const payload = '"'.repeat(600_000);
    const marker = randomUUID();
    await producer.send({ topic: topics.votes, messages: [{ key: marker, value: payload }] });
    const rejected = await eventually(async () => {
      const rows = [...(await readTopicSnapshot(kafkaSettings(config), topics.votesRejected)).rows.values()] as RejectedVote[];
      return rows.find((r) => r.payload_chars === 600_000);
    });
    expect(rejected!.reason).toBe('oversized');
    expect(rejected!.payload).toBe('"'.repeat(1000));
    await expectStillCounting();
  });

  it('a cast_at no database can store is invalid_cast_at, and the voter can still vote', async () => {
    const voter = fresh[0]!;
    const vote = { vote_id: randomUUID(), voter_id: voter.voter_id, candidate_id: candidateId, cast_at: 9_300_000_000_000_000, region_id: voter.region_id };
    await producer.send({ topic: topics.votes, messages: [{ key: voter.voter_id, value: JSON.stringify(vote) }] });
    expect((await eventually(() => rejectedFor(vote.vote_id)))!.reason).toBe('invalid_cast_at');
    await expectStillCounting();
    const page = await fetch(ui.url);
    expect(page.status).toBe(200);
  });

  it('a vote in an aborted transaction is never counted, and tally check counts records, not offsets', async () => {
    const voter = fresh[0]!;
    const vote = { vote_id: randomUUID(), voter_id: voter.voter_id, candidate_id: candidateId, cast_at: Date.now(), region_id: voter.region_id };
    const transactional = createKafka(kafkaSettings(config), 'test-aborted').producer({ transactionalId: `tally-test-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1 });
    await transactional.connect();
    try {
      const tx = await transactional.transaction();
      await tx.send({ topic: topics.votes, messages: [{ key: voter.voter_id, value: JSON.stringify(vote) }] });
      await tx.abort();
    } finally {
      await transactional.disconnect();
    }
    await expectStillCounting();
    expect(await isCounted(voter.voter_id, vote.vote_id)).toBe(false);
    expect(await rejectedFor(vote.vote_id)).toBeUndefined();
    const check = await runTally(['check', '--json']);
    expect(check.code, check.stdout).toBe(0);
  });
});
