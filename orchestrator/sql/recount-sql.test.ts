import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { environmentSchema } from '../../shared/config/schema.ts';
import { SqlFileError } from '../../shared/errors.ts';
import { TALLIES } from '../checks/tallies.ts';
import { loadRecountRebinding } from './recount-sql.ts';
import { sqlVariables } from './variables.ts';

const config: LoadedConfig = { name: 'local', baseDir: '/tmp', dataDir: '/tmp/.tally', env: environmentSchema.parse({ postgres: { mode: 'external' } }), processEnv: process.env };
const tallies = TALLIES.map((t) => t.name);
const liveTopics = new Map(TALLIES.map((t) => [t.name, config.env.kafka.topics[t.topic]]));
const run = { runId: '1700000000000', endOffsets: 'partition:0,offset:12;partition:1,offset:34' };

function copyOfFlinkSql(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tally-recount-')), 'flink-sql');
  cpSync('flink-sql', dir, { recursive: true });
  return dir;
}

describe('the recount\'s rebinding (flink-sql/recount/rebind.sql)', () => {
  it('bounds the votes log at the given offsets and moves every tally to a throw-away topic of this run', () => {
    const { statements, recountTopics } = loadRecountRebinding('flink-sql', sqlVariables(config), run, tallies, liveTopics);
    expect(statements[0]!.sql).toContain("'scan.bounded.specific-offsets' = 'partition:0,offset:12;partition:1,offset:34'");
    expect(statements[0]!.file).toBe('flink-sql/recount/rebind.sql');
    expect([...recountTopics.keys()].sort()).toEqual([...tallies].sort());
    expect(recountTopics.get('tally_by_candidate')).toBe('tally_by_candidate_recount_1700000000000');
    expect(statements.at(-1)!.sql).toBe("SET 'pipeline.name' = 'tally:recount:1700000000000'");
  });

  it('refuses to start when a tally stays on its live topic (the recount would write into it)', () => {
    const dir = copyOfFlinkSql();
    const file = join(dir, 'recount', 'rebind.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ALTER TABLE tally_by_party .*$/m, ''));
    expect(() => loadRecountRebinding(dir, sqlVariables(config), run, tallies, liveTopics))
      .toThrow(/^flink-sql\/recount\/rebind\.sql: tally_by_party is not moved to a throw-away topic/);
    writeFileSync(file, "ALTER TABLE tally_by_party SET ('topic' = '${topic_tally_by_party}');");
    expect(() => loadRecountRebinding(dir, sqlVariables(config), run, ['tally_by_party'], liveTopics)).toThrow(SqlFileError);
  });

  it('accepts only offsets Tally wrote as the end offsets (a semicolon is allowed there, nothing else)', () => {
    expect(() => loadRecountRebinding('flink-sql', sqlVariables(config), { ...run, endOffsets: "partition:0,offset:1'; DROP TABLE x" }, tallies, liveTopics))
      .toThrow(/recount\/rebind\.sql:\d+: the value of \$\{recount_end_offsets\} is not of the form/);
  });
});
