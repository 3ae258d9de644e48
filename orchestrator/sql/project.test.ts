import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { environmentSchema } from '../../shared/config/schema.ts';
import { unifiedDiff } from './diff.ts';
import { parsePipelineName } from './hash.ts';
import { loadSqlProject } from './project.ts';

const config: LoadedConfig = { name: 'local', baseDir: '/tmp', dataDir: '/tmp/.tally', env: environmentSchema.parse({ postgres: { mode: 'external' } }), processEnv: process.env };

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-sql-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const tables = {
  'tables/votes.sql': "CREATE TABLE votes (c INT) WITH ('connector' = 'kafka', 'topic' = '${topic_votes}');",
  'tables/valid.sql': 'CREATE VIEW votes_valid AS SELECT c FROM votes WHERE c > 0;',
  'tables/unused.sql': "CREATE TABLE unused (x INT) WITH ('connector' = 'datagen');",
  'tables/sink.sql': "CREATE TABLE sink (c INT, n BIGINT) WITH ('connector' = 'blackhole');",
};

describe('reading flink-sql/', () => {
  it('a job depends on the tables it names, through views, in creation order', () => {
    const dir = project({ ...tables, 'jobs/count.sql': '-- counts\nINSERT INTO sink SELECT c, COUNT(*) FROM votes_valid GROUP BY c;' });
    const job = loadSqlProject(config, { sqlDir: dir }).jobs[0]!;
    expect(job.tables.map((t) => t.name)).toEqual(['sink', 'votes', 'votes_valid']);
    expect(job.statement.line).toBe(2);
    expect(parsePipelineName(job.pipelineName)).toEqual({ job: 'count', hash: job.hash });
  });

  it('the hash changes with the job, the tables it uses and the cluster settings, not with unused tables', () => {
    const job = 'INSERT INTO sink SELECT c, COUNT(*) FROM votes GROUP BY c;';
    const base = loadSqlProject(config, { sqlDir: project({ ...tables, 'jobs/count.sql': job }) }).jobs[0]!.hash;
    const unusedChanged = loadSqlProject(config, { sqlDir: project({ ...tables, 'tables/unused.sql': "CREATE TABLE unused (y INT) WITH ('connector' = 'datagen');", 'jobs/count.sql': job }) }).jobs[0]!.hash;
    const jobChanged = loadSqlProject(config, { sqlDir: project({ ...tables, 'jobs/count.sql': job.replace('COUNT(*)', 'COUNT(c)') }) }).jobs[0]!.hash;
    const moreParallel = { ...config, env: environmentSchema.parse({ postgres: { mode: 'external' }, flink: { parallelism: 3 } }) };
    const settingsChanged = loadSqlProject(moreParallel, { sqlDir: project({ ...tables, 'jobs/count.sql': job }) }).jobs[0]!.hash;
    expect(base).toMatch(/^[0-9a-f]{12}$/);
    expect(unusedChanged).toBe(base);
    expect(new Set([base, jobChanged, settingsChanged]).size).toBe(3);
  });

  it('a job file with two INSERTs is refused at the line of the second', () => {
    const dir = project({ ...tables, 'jobs/two.sql': 'INSERT INTO sink SELECT 1, 1;\n\nINSERT INTO sink SELECT 2, 2;' });
    expect(() => loadSqlProject(config, { sqlDir: dir })).toThrow(/jobs\/two\.sql:3: unexpected "INSERT INTO sink SELECT 2, 2"/);
  });

  it('a job may not set pipeline.name itself', () => {
    const dir = project({ ...tables, 'jobs/named.sql': "SET 'pipeline.name' = 'mine';\nINSERT INTO sink SELECT 1, 1;" });
    expect(() => loadSqlProject(config, { sqlDir: dir })).toThrow(/named\.sql:1: 'pipeline\.name' is set by tally deploy/);
  });

  it('an unknown job name lists the known ones', () => {
    const dir = project({ ...tables, 'jobs/count.sql': 'INSERT INTO sink SELECT 1, 1;' });
    expect(() => loadSqlProject(config, { sqlDir: dir, jobs: ['nope'] })).toThrow(/no job file for nope .*known: count/);
  });
});

describe('diffs of rendered SQL', () => {
  it('a changed line shows as - and + with context', () => {
    const diff = unifiedDiff('a\nb\nc\nd', 'a\nb\nC\nd', { from: 'old', to: 'new' }, 1);
    expect(diff).toBe('--- old\n+++ new\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d');
  });

  it('identical texts give no diff', () => {
    expect(unifiedDiff('a\nb', 'a\nb', { from: 'x', to: 'y' })).toBe('');
  });
});
