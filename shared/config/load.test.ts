import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { loadConfig } from './load.ts';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tally-config-')), 'tally.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('fills every default when the environment is empty', () => {
    const config = loadConfig({ file: configFile('environments:\n  local: {}\n'), processEnv: {} });
    expect(config.name).toBe('local');
    expect(config.env.kafka.bootstrapServers).toBe('127.0.0.1:19092');
    expect(config.env.kafka.topics.votes).toBe('votes');
    expect(config.env.postgres.port).toBe(15432);
    expect(config.env.election.parties).toHaveLength(3);
  });

  it('picks the environment from TALLY_ENV and lets TALLY_<SECTION>__<KEY> override values', () => {
    const file = configFile('environments:\n  local: {}\n  staging:\n    ui:\n      port: 4000\n');
    const config = loadConfig({ file, processEnv: { TALLY_ENV: 'staging', TALLY_UI__PORT: '8080', TALLY_KAFKA__TOPICS__VOTES: 'ballots', TALLY__DATA_DIR: '/var/tally' } });
    expect(config.name).toBe('staging');
    expect(config.env.ui.port).toBe(8080);
    expect(config.env.kafka.topics.votes).toBe('ballots');
    expect(config.dataDir).toBe('/var/tally');
  });

  it('names the bad key when a value has the wrong type', () => {
    const file = configFile('environments:\n  local:\n    kafka:\n      partitions: many\n');
    expect(() => loadConfig({ file, processEnv: {} })).toThrow(/environments\.local\.kafka\.partitions/);
  });

  it('rejects an unknown key instead of ignoring a typo', () => {
    const file = configFile('environments:\n  local:\n    kafka:\n      bootstrapServer: x:1\n');
    expect(() => loadConfig({ file, processEnv: {} })).toThrow(ConfigError);
  });

  it('rejects an override that names no config key', () => {
    const file = configFile('environments:\n  local: {}\n');
    expect(() => loadConfig({ file, processEnv: { TALLY_KAFKA__BOOTSTRAP: 'x' } })).toThrow(/TALLY_KAFKA__BOOTSTRAP: no config key "kafka.BOOTSTRAP"/);
  });

  it('refuses values that could inject SQL into the Flink table definitions', () => {
    const file = configFile('environments:\n  local: {}\n');
    expect(() => loadConfig({ file, processEnv: { TALLY_KAFKA__BOOTSTRAP_SERVERS: "x:1'); DROP TABLE votes; --" } })).toThrow(/kafka\.bootstrapServers/);
    expect(() => loadConfig({ file, processEnv: { TALLY_KAFKA__TOPICS__VOTES: "votes' , 'x" } })).toThrow(/topics\.votes/);
  });

  it('says where invalid YAML is broken', () => {
    const file = configFile('environments:\n  local: {\n');
    expect(() => loadConfig({ file, processEnv: {} })).toThrow(/not valid YAML/);
  });

  it('names the known environments when asked for a missing one', () => {
    const file = configFile('environments:\n  local: {}\n');
    expect(() => loadConfig({ file, environment: 'prod', processEnv: {} })).toThrow(/no environment named "prod" \(known: local\)/);
  });

  it('loads every environment of the shipped tally.yaml', () => {
    for (const environment of ['local', 'test', 'faults', 'bench', 'compose', 'cluster']) {
      expect(loadConfig({ file: 'tally.yaml', environment, processEnv: {} }).name).toBe(environment);
    }
  });
});
