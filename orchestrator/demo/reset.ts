import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/load.ts';
import { cancelJob, jobManagerEndpoint } from '../gateway/jobmanager.ts';
import { createKafka, ensureTopics } from '../kafka/client.ts';
import { createPool, ensureDatabase } from '../postgres/connection.ts';
import { tallyJobsOnCluster } from '../sql/cluster-jobs.ts';
import { deploymentsDir } from '../sql/state.ts';

// `tally reset`: a fresh election in this environment. Cancels the tally jobs (their state is the
// old counts), deletes and recreates the election's topics, empties the Postgres tables, and forgets
// deployments and ground truths. The services keep running.

export interface ResetSummary {
  jobsCancelled: number;
  topicsDeleted: number;
  tablesEmptied: string[];
}

export async function resetElection(config: LoadedConfig): Promise<ResetSummary> {
  const jm = jobManagerEndpoint(config);
  const jobs = await tallyJobsOnCluster(jm);
  await Promise.all(jobs.map((job) => cancelJob(jm, job.jobId)));
  for (let i = 0; i < 150 && (await tallyJobsOnCluster(jm)).length > 0; i++) await sleep(200);

  const admin = createKafka(config, 'reset').admin();
  await admin.connect();
  let topicsDeleted: number;
  try {
    const existing = new Set(await admin.listTopics());
    const ours = Object.values(config.env.kafka.topics).filter((t) => existing.has(t));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 30_000 });
    topicsDeleted = ours.length;
    // Topic deletion is asynchronous in Kafka: wait until the names are free before recreating.
    for (let i = 0; i < 100; i++) {
      const left = new Set(await admin.listTopics());
      if (!ours.some((t) => left.has(t))) break;
      await sleep(200);
    }
    await ensureTopics(config, admin);
  } finally {
    await admin.disconnect();
  }

  await ensureDatabase(config);
  const pool = createPool(config);
  const tablesEmptied = ['votes', 'voters', 'candidates', 'regions', 'parties'];
  try {
    const present = await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)", [tablesEmptied]);
    const names = present.rows.map((r) => r.table_name);
    if (names.length > 0) await pool.query(`TRUNCATE ${names.join(', ')} CASCADE`);
  } finally {
    await pool.end();
  }
  rmSync(deploymentsDir(config), { recursive: true, force: true });
  rmSync(join(config.dataDir, 'ground-truth'), { recursive: true, force: true });
  return { jobsCancelled: jobs.length, topicsDeleted, tablesEmptied };
}
