import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { cancelJob, jobManagerEndpoint } from '../gateway/jobmanager.ts';
import { StackError } from '../../shared/errors.ts';
import { createKafka, ensureTopics } from '../../shared/kafka/client.ts';
import { createPool, ensureDatabase } from '../../shared/postgres/connection.ts';
import { tallyJobsOnCluster } from '../sql/cluster-jobs.ts';
import { deploymentsDir } from '../sql/state.ts';
import { waitFor } from '../../shared/poll.ts';
import { kafkaSettings, postgresSettings } from '../../shared/config/settings.ts';

// `tally reset`: a fresh election in this environment. Cancels the tally jobs (their state is the
// old counts), deletes and recreates the election's topics, empties the Postgres tables, and forgets
// deployments and ground truths. The services keep running.

export interface ResetSummary {
  jobsCancelled: number;
  topicsDeleted: number;
  tablesEmptied: string[];
}

/**
 * Resets this environment's election (see above). Returns once the topics are recreated and ready
 * for writes, the tables are empty and local state is forgotten.
 * @throws StackError when Kafka does not free or ready the topics in time; GatewayError and pg
 * errors when Flink or Postgres cannot be reached
 */
export async function resetElection(config: LoadedConfig): Promise<ResetSummary> {
  const jm = jobManagerEndpoint(config.env.flink);
  const jobs = await tallyJobsOnCluster(jm);
  await Promise.all(jobs.map((job) => cancelJob(jm, job.jobId)));
  for (let i = 0; i < 150 && (await tallyJobsOnCluster(jm)).length > 0; i++) await sleep(200);

  // Kafka deletes topics asynchronously, and a broker that is still removing a topic's partitions
  // can refuse the new ones for a moment ("does not host this topic-partition"): the delete,
  // recreate and wait-until-ready round is idempotent, so it is simply run again, up to 4 times.
  let topicsDeleted = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      topicsDeleted = Math.max(topicsDeleted, await recreateTopics(config));
      break;
    } catch (error) {
      if (error instanceof StackError || attempt >= 4) throw error;
      await sleep(1_000 * attempt);
    }
  }

  await ensureDatabase(postgresSettings(config));
  const pool = createPool(postgresSettings(config));
  const tablesEmptied = ['votes', 'voters', 'candidates', 'regions', 'parties', 'polling_day'];
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

/** Deletes the election's topics that exist, waits until Kafka has freed the names, recreates every topic and waits until each partition is led and answering; returns how many it deleted. */
async function recreateTopics(config: LoadedConfig): Promise<number> {
  const admin = createKafka(kafkaSettings(config), 'reset').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ours = Object.values(config.env.kafka.topics).filter((t) => existing.has(t));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 30_000 });
    const freed = await waitFor(async () => {
      const left = new Set(await admin.listTopics());
      return !ours.some((t) => left.has(t));
    }, 20_000, 200);
    if (!freed) throw new StackError(`Kafka did not finish deleting the topics ${ours.join(', ')} within 20s: run tally reset again`);
    await ensureTopics(kafkaSettings(config), admin);
    return ours.length;
  } finally {
    await admin.disconnect();
  }
}
