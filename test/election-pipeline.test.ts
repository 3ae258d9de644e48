import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config/load.ts';
import type { GroundTruthFile } from '../orchestrator/election/ground-truth.ts';
import type { RejectedVote } from '../shared/election/model.ts';
import { readTopicSnapshot } from '../orchestrator/kafka/snapshot.ts';
import { TALLIES, tallyFromTopic } from '../orchestrator/checks/tallies.ts';
import type { ResultsSnapshot } from '../ui/live/resultsSnapshot.ts';
import { resultsPageSettings, startUiServer } from '../ui/index.ts';
import { eventually } from './e2e/support/tallyTopics.ts';
import { createKafka } from '../shared/kafka/client.ts';
import { createPool } from '../shared/postgres/connection.ts';
import type { Vote } from '../shared/election/model.ts';
import { runTally } from './support/cli.ts';
import { flattenByRegion } from './support/ground-truth.ts';
import { readTopicLog } from './support/topic-log.ts';
import { kafkaSettings, postgresSettings } from '../shared/config/settings.ts';
import { formatCount } from '../shared/format.ts';

// The whole slice on the real stack: `tally demo --until-done` registers a seeded election,
// deploys the Flink SQL jobs over the SQL Gateway, casts votes with bad events mixed in, and waits
// until the tallies read back from Kafka equal Postgres. Then every figure is checked against the
// simulator's ground truth, `tally check` and `tally recount` must pass, and the page must show it.
// The test environment runs the votes topic in 4 partitions and the count at parallelism 2 on two
// TaskManagers, so all of this is proven across partitions and slots.

const config = loadConfig();
const VOTERS = 3000;
let truth: GroundTruthFile;

function newestGroundTruth(): GroundTruthFile {
  const dir = join(config.dataDir, 'ground-truth');
  const newest = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().pop();
  if (!newest) throw new Error(`no ground truth in ${dir}`);
  return JSON.parse(readFileSync(join(dir, newest), 'utf8')) as GroundTruthFile;
}

describe('a live election on the real stack', () => {
  beforeAll(async () => {
    const reset = await runTally(['reset', '--yes']);
    expect(reset.code, reset.stderr).toBe(0);
  });

  it('tally demo --until-done exits 0 once the tallies read back from Kafka equal Postgres and the ground truth', async () => {
    const demo = await runTally(['demo', '--until-done', '--keep-stack', '--no-ui', '--voters', String(VOTERS), '--rate', '0', '--chaos', '0.05']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/tally_by_candidate equals ground truth\s+ok/);
    expect(demo.stdout).not.toMatch(/FAIL/);
    // The table it ends with agrees with itself: the row count of the votes table is read final.
    expect(demo.stdout).toMatch(new RegExp(`row counts\\s+ok\\s+.*\\b${formatCount(VOTERS)} votes\\b`));
    expect(demo.stdout).toMatch(new RegExp(`every event counted or rejected\\s+ok\\s+\\d+ events on \\S+: ${VOTERS} counted \\+`));
    truth = newestGroundTruth();
    expect(truth.total_valid).toBe(VOTERS);
    expect(truth.surprises).toEqual([]);
  });

  it('counts every candidate, party and region exactly as the simulator cast the votes', async () => {
    const byName = Object.fromEntries(TALLIES.map((t) => [t.name, t]));
    expect(await tallyFromTopic(kafkaSettings(config), byName.tally_by_candidate!)).toEqual(new Map(Object.entries(truth.by_candidate)));
    expect(await tallyFromTopic(kafkaSettings(config), byName.tally_by_party!)).toEqual(new Map(Object.entries(truth.by_party)));
    expect(await tallyFromTopic(kafkaSettings(config), byName.tally_by_region_candidate!)).toEqual(flattenByRegion(truth.by_region_candidate));
  });

  it('rejects every injected bad event with the reason the ground truth expects, keeping a bounded payload', async () => {
    const expectedReasons = Object.entries(truth.rejected_by_reason).filter(([, n]) => n > 0);
    expect(expectedReasons.length).toBeGreaterThanOrEqual(5);
    const byReason = TALLIES.find((t) => t.name === 'rejected_by_reason')!;
    expect(await tallyFromTopic(kafkaSettings(config), byReason)).toEqual(new Map(expectedReasons));

    const rejected = await readTopicSnapshot(kafkaSettings(config), config.env.kafka.topics.votesRejected);
    const kept = (r: RejectedVote): string => `${r.reason} ${r.payload_chars} ${r.payload_sha256} ${r.payload}`;
    const actual = [...rejected.rows.values()].map((r) => kept(r as RejectedVote)).sort();
    const expected = truth.rejected.map((r) => {
      const chars = [...r.payload];
      return `${r.reason} ${chars.length} ${createHash('sha256').update(r.payload, 'utf8').digest('hex')} ${chars.slice(0, 1000).join('')}`;
    }).sort();
    expect(actual).toEqual(expected);
  });

  it('every version of every tally key on Kafka only rises: a counted vote is never taken back', async () => {
    const { topics } = config.env.kafka;
    expect(config.env.kafka.partitions).toBeGreaterThanOrEqual(4);
    expect(config.env.flink.parallelism).toBeGreaterThanOrEqual(2);
    let versions = 0;
    for (const tally of TALLIES) {
      const last = new Map<string, number>();
      for (const record of await readTopicLog(config, topics[tally.topic])) {
        const count = (record.value as Record<string, number> | null)?.[tally.countColumn];
        expect(count, `${tally.name} ${record.key} deleted at offset ${record.offset}`).toBeTypeOf('number');
        expect(count!, `${tally.name} ${record.key} at partition ${record.partition} offset ${record.offset}`).toBeGreaterThanOrEqual(last.get(record.key) ?? 0);
        last.set(record.key, count!);
        versions += 1;
      }
    }
    expect(versions).toBeGreaterThan(TALLIES.length);
  });

  it("a voter's second vote under another key in another partition is rejected, and the counted one stays", async () => {
    const { topics, partitions } = config.env.kafka;
    // The counted vote of one voter, as the count archived it in Postgres (one row per voter).
    const countedVote = async (voterId?: string): Promise<Vote & { cast_at: number }> => {
      const pool = createPool(postgresSettings(config), 1);
      try {
        const { rows } = await pool.query<Vote & { cast_at: string }>(
          `SELECT vote_id, voter_id, candidate_id, region_id, cast_at_ms AS cast_at FROM votes ${voterId ? 'WHERE voter_id = $1' : 'ORDER BY voter_id'} LIMIT 1`, voterId ? [voterId] : []);
        return { ...rows[0]!, cast_at: Number(rows[0]!.cast_at) };
      } finally {
        await pool.end();
      }
    };
    const counted = await countedVote();
    const other = Object.keys(truth.by_candidate).find((c) => c !== counted.candidate_id)!;
    const secondVote = { vote_id: `second-${Date.now()}`, voter_id: counted.voter_id, candidate_id: other, cast_at: Date.now(), region_id: counted.region_id };
    const original = JSON.stringify({ vote_id: counted.vote_id, voter_id: counted.voter_id, candidate_id: counted.candidate_id, cast_at: counted.cast_at, region_id: counted.region_id });
    // The demo's chaos may already have rejected events of this voter: only the new ones count here.
    const rejectedOfVoter = async (): Promise<RejectedVote[]> => ([...(await readTopicSnapshot(kafkaSettings(config), topics.votesRejected)).rows.values()] as RejectedVote[])
      .filter((r) => r.voter_id === counted.voter_id);
    const before = new Set((await rejectedOfVoter()).map((r) => `${r.kafka_partition}:${r.kafka_offset}`));
    const producer = createKafka(kafkaSettings(config), 'test-second-vote').producer();
    await producer.connect();
    try {
      // Every partition, each under a key that is not the voter's: wherever it lands, it must lose.
      for (let partition = 0; partition < partitions; partition += 1) {
        await producer.send({ topic: topics.votes, messages: [
          { partition, key: `not-the-voter-${partition}`, value: JSON.stringify({ ...secondVote, vote_id: `${secondVote.vote_id}-${partition}` }) },
          { partition, key: `redelivered-${partition}`, value: original },
        ] });
      }
    } finally {
      await producer.disconnect();
    }
    const reasons = await eventually(async () => {
      const mine = (await rejectedOfVoter()).filter((r) => !before.has(`${r.kafka_partition}:${r.kafka_offset}`));
      return mine.length >= 2 * partitions ? mine.map((r) => `${r.reason} ${r.vote_id}`).sort() : undefined;
    }, 500);
    const expected = Array.from({ length: partitions }, (_, p) => [`duplicate_delivery ${counted.vote_id}`, `duplicate_vote ${secondVote.vote_id}-${p}`]).flat().sort();
    expect(reasons).toEqual(expected);
    expect(await countedVote(counted.voter_id)).toEqual(counted);
    const byCandidate = TALLIES.find((t) => t.name === 'tally_by_candidate')!;
    expect(await tallyFromTopic(kafkaSettings(config), byCandidate)).toEqual(new Map(Object.entries(truth.by_candidate)));
  });

  it('passes tally check and tally recount (the same SQL in batch mode over the raw log)', async () => {
    const check = await runTally(['check', '--json']);
    expect(check.code, check.stderr).toBe(0);
    const checks = JSON.parse(check.stdout) as { check: string; ok: boolean }[];
    expect(checks.every((c) => c.ok)).toBe(true);

    const recount = await runTally(['recount', '--json']);
    expect(recount.code, recount.stderr).toBe(0);
    const result = JSON.parse(recount.stdout) as { rows: { tally: string; recount: number; ok: boolean }[] };
    expect(result.rows.find((r) => r.tally === 'tally_by_candidate')?.recount).toBe(VOTERS);
    expect(result.rows.every((r) => r.ok)).toBe(true);
  });

  it('shows the same counts on the results page', async () => {
    const server = await startUiServer(resultsPageSettings(config), { port: 0 });
    try {
      const snapshot = await eventually(async () => {
        const response = await fetch(`${server.url}api/results`);
        const body = (await response.json()) as ResultsSnapshot;
        return body.candidates.reduce((sum, c) => sum + c.votes, 0) === VOTERS ? body : undefined;
      });
      expect(Object.fromEntries(snapshot.candidates.map((c) => [c.candidate_id, c.votes]))).toEqual(truth.by_candidate);
      const page = await (await fetch(server.url)).text();
      const leader = snapshot.candidates.reduce((a, b) => (b.votes > a.votes ? b : a));
      expect(page).toContain(leader.votes.toLocaleString('en-GB'));
    } finally {
      await server.close();
    }
  });

  it('carrying on with the same election registers nobody twice and leaves the deployed jobs untouched', async () => {
    const again = await runTally(['demo', '--until-done', '--keep-stack', '--keep-election', '--no-ui', '--voters', String(VOTERS), '--rate', '0']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/0 votes and 0 bad events sent/);
    expect(again.stderr).not.toMatch(/submitted|upgraded/);
    const byCandidate = TALLIES.find((t) => t.name === 'tally_by_candidate')!;
    expect(await tallyFromTopic(kafkaSettings(config), byCandidate)).toEqual(new Map(Object.entries(truth.by_candidate)));
  });
});
