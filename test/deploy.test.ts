import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../shared/config/load.ts';
import { GatewayError, SqlFileError } from '../shared/errors.ts';
import { createKafka } from '../shared/kafka/client.ts';
import { tallyJobsOnCluster } from '../orchestrator/sql/cluster-jobs.ts';
import { deployJobs, StateRestoreError } from '../orchestrator/sql/deploy.ts';
import { jobManagerEndpoint } from '../orchestrator/gateway/jobmanager.ts';
import { planJobs } from '../orchestrator/sql/plan.ts';
import { stopClusterJob } from '../orchestrator/sql/stop.ts';
import { validateJobs } from '../orchestrator/sql/validate.ts';
import { kafkaSettings, postgresPassword } from '../shared/config/settings.ts';

// Deploys the fixture jobs under test/fixtures/flink-sql to the real cluster, with a topic of its
// own, and stops every job it started.

const id = randomBytes(4).toString('hex');
const tallyTopic = `tally-test-${id}-tally`;
const work = mkdtempSync(join(tmpdir(), 'tally-deploy-'));
const sqlDir = join(work, 'flink-sql');
const job = `test-count-${id}`;
const jobFile = join(sqlDir, 'jobs', `${job}.sql`);

// The stack's Postgres password, read before dataDir is pointed at this test's own folder.
const pgPassword = postgresPassword(loadConfig({ file: 'tally.yaml' }));

function testConfig(overrides: NodeJS.ProcessEnv = {}): LoadedConfig {
  const config = loadConfig({
    file: 'tally.yaml',
    processEnv: { ...process.env, TALLY_PG_PASSWORD: pgPassword, TALLY_KAFKA__TOPICS__TALLY_BY_CANDIDATE: tallyTopic, ...overrides },
  });
  return { ...config, dataDir: join(work, 'data') };
}
const config = testConfig();

/** Every (candidate, votes) update on the tally topic so far, in order. */
async function readTally(): Promise<{ candidate: number; votes: number }[]> {
  const kafka = createKafka(kafkaSettings(config), `test-${id}`);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(tallyTopic);
  await admin.disconnect();
  const end = offsets.reduce((sum, o) => sum + Number(o.high), 0);
  const updates: { candidate: number; votes: number }[] = [];
  if (end === 0) return updates;
  const consumer = kafka.consumer({ groupId: `tally-test-${id}-${randomBytes(3).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic: tallyTopic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) {
          const row = JSON.parse(message.value.toString()) as { candidate_id: number; votes: number };
          updates.push({ candidate: row.candidate_id, votes: row.votes });
        }
        if (updates.length >= end) resolve();
      },
    });
  });
  await consumer.disconnect();
  return updates;
}

function maxVotes(updates: { candidate: number; votes: number }[]): Map<number, number> {
  const max = new Map<number, number>();
  for (const u of updates) max.set(u.candidate, Math.max(max.get(u.candidate) ?? 0, u.votes));
  return max;
}

async function stopOurJobs(): Promise<void> {
  const ours = (await tallyJobsOnCluster(jobManagerEndpoint(config.env.flink))).filter((j) => j.job === job);
  const ourNames = new Set([...started]);
  for (const job of ours.filter((j) => ourNames.has(j.jobId))) await stopClusterJob(config, job.jobId, { savepoint: false });
}
const started = new Set<string>();

beforeAll(async () => {
  const overview = (await axios.get<{ 'slots-available': number }>(`${config.env.flink.restUrl}/overview`)).data;
  if (overview['slots-available'] < 1) throw new Error('the shared Flink cluster has no free task slot for the test job; stop a job and run again');
  cpSync('test/fixtures/flink-sql', sqlDir, { recursive: true });
  renameSync(join(sqlDir, 'jobs', 'test-count.sql'), jobFile);
  const admin = createKafka(kafkaSettings(config), 'test-admin').admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: tallyTopic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
});

afterAll(async () => {
  await stopOurJobs();
  const admin = createKafka(kafkaSettings(config), 'test-admin').admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [tallyTopic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('deploying Flink SQL jobs', () => {
  it('a new job is submitted, named with its hash, and deploying again leaves it alone', async () => {
    const [first] = await deployJobs(config, { sqlDir, jobs: [job] });
    started.add(first!.jobId!);
    expect(first).toMatchObject({ job, action: 'submitted' });
    expect(first!.pipelineName).toMatch(new RegExp(`^tally:${job}:[0-9a-f]{12}$`));

    const [again] = await deployJobs(config, { sqlDir, jobs: [job] });
    expect(again).toMatchObject({ action: 'unchanged', jobId: first!.jobId });
    const plan = await planJobs(config, { sqlDir, jobs: [job] });
    expect(plan.jobs[0]).toMatchObject({ action: 'unchanged' });
  });

  it('a changed job is upgraded through a savepoint and its counts continue', async () => {
    await expect.poll(async () => Math.min(...maxVotes(await readTally()).values()), { timeout: 60_000, interval: 1000 }).toBeGreaterThan(5);
    writeFileSync(jobFile, readFileSync(jobFile, 'utf8').replace('INSERT INTO', "SET 'execution.checkpointing.interval' = '3s';\n\nINSERT INTO"));

    const plan = await planJobs(config, { sqlDir, jobs: [job] });
    expect(plan.jobs[0]!.action).toBe('changed');
    expect(plan.jobs[0]!.diff).toContain("+SET 'execution.checkpointing.interval' = '3s';");

    const [upgraded] = await deployJobs(config, { sqlDir, jobs: [job] });
    started.add(upgraded!.jobId!);
    expect(upgraded).toMatchObject({ action: 'upgraded' });
    expect(upgraded!.restoredFrom).toMatch(/savepoint-/);

    const before = await readTally();
    const peak = maxVotes(before);
    await expect.poll(async () => (await readTally()).length, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(before.length + 6);
    const after = (await readTally()).slice(before.length);
    for (const update of after) expect(update.votes).toBeGreaterThan(peak.get(update.candidate) ?? 0);
  });

  it('a change whose state cannot be mapped stops and asks for --from-scratch, which then starts from zero', async () => {
    writeFileSync(jobFile, readFileSync(jobFile, 'utf8').replace('COUNT(*)', 'COUNT(DISTINCT ballot_id)'));
    const error = await deployJobs(config, { sqlDir, jobs: [job] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateRestoreError);
    expect((error as Error).message).toMatch(/cannot take over the state in savepoint .*run `tally deploy test-count-[0-9a-f]+ --from-scratch`/);

    const before = await readTally();
    const [fresh] = await deployJobs(config, { sqlDir, jobs: [job], fromScratch: true });
    started.add(fresh!.jobId!);
    expect(fresh).toMatchObject({ action: 'submitted' });
    await expect.poll(async () => (await readTally()).length, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(before.length);
    const firstFresh = (await readTally())[before.length]!;
    expect(firstFresh.votes).toBeLessThan(maxVotes(before).get(firstFresh.candidate)!);
    await stopOurJobs();
  });
});

describe('errors in SQL files', () => {
  it('a syntax error and an unknown column are reported with their file and line', async () => {
    const broken = join(work, 'broken');
    cpSync('test/fixtures/flink-sql', broken, { recursive: true });
    writeFileSync(join(broken, 'jobs', 'test-syntax.sql'), '-- broken on purpose\nINSERT INTO test_tally\nSELECT candidate_id, COUNT(*)\nFROM test_ballots WHERE WHERE\nGROUP BY candidate_id;\n');
    writeFileSync(join(broken, 'jobs', 'test-column.sql'), '-- broken on purpose\n\nINSERT INTO test_tally\nSELECT nosuch, COUNT(*)\nFROM test_ballots\nGROUP BY nosuch;\n');
    const results = await validateJobs(config, { sqlDir: broken, jobs: ['test-syntax', 'test-column', 'test-count'] });
    expect(results).toEqual([
      { job: 'test-syntax', file: 'broken/jobs/test-syntax.sql', ok: false, error: "broken/jobs/test-syntax.sql:4:25: Incorrect syntax near the keyword 'WHERE'" },
      { job: 'test-column', file: 'broken/jobs/test-column.sql', ok: false, error: "broken/jobs/test-column.sql:6:10: Column 'nosuch' not found in any table" },
      { job: 'test-count', file: 'broken/jobs/test-count.sql', ok: true },
    ]);
  });

  it('an unknown variable fails before anything is sent', async () => {
    const broken = join(work, 'unknown-var');
    cpSync('test/fixtures/flink-sql', broken, { recursive: true });
    writeFileSync(join(broken, 'tables', 'test_tally.sql'), readFileSync(join(broken, 'tables', 'test_tally.sql'), 'utf8').replace('${topic_tally_by_candidate}', '${topic_nope}'));
    // A gateway nobody listens on: reaching it would be a GatewayError, not a SqlFileError.
    const offline = testConfig({ TALLY_FLINK__GATEWAY_URL: 'http://127.0.0.1:1', TALLY_FLINK__REST_URL: 'http://127.0.0.1:1' });
    const error = await deployJobs(offline, { sqlDir: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlFileError);
    expect((error as Error).message).toMatch(/^unknown-var\/tables\/test_tally\.sql:8: unknown variable \$\{topic_nope\}/);
  });

  it('deploying against an unreachable cluster says how to fix it', async () => {
    const offline = testConfig({ TALLY_FLINK__GATEWAY_URL: 'http://127.0.0.1:1', TALLY_FLINK__REST_URL: 'http://127.0.0.1:1' });
    const error = await deployJobs(offline, { sqlDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as Error).message).toMatch(/^cannot reach the Flink JobManager REST API at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\): run `tally stack up` or check flink\.restUrl$/);
  });
});
