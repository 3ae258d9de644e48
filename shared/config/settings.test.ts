import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { embeddedPasswordFile, kafkaSettings, pageSettings, postgresSettings } from './settings.ts';

function configIn(yaml: string, processEnv: NodeJS.ProcessEnv = {}): ReturnType<typeof loadConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-settings-'));
  writeFileSync(join(dir, 'tally.yaml'), yaml);
  return loadConfig({ file: join(dir, 'tally.yaml'), processEnv });
}

describe('narrow settings', () => {
  it('gives a Kafka client the brokers as a list, its client id, the topics and the partitions, nothing else', () => {
    const config = configIn('environments:\n  local:\n    kafka: { bootstrapServers: "a:1,b:2", clientId: tly, partitions: 3 }\n');
    const settings = kafkaSettings(config);
    expect(Object.keys(settings).sort()).toEqual(['brokers', 'clientId', 'partitions', 'topics']);
    expect(settings).toMatchObject({ brokers: ['a:1', 'b:2'], clientId: 'tly', partitions: 3 });
    expect(settings.topics.votes).toBe('votes');
  });

  it('gives a Postgres pool node-postgres\' connection parameters, the password from the variable postgres.passwordEnv names', () => {
    const config = configIn('environments:\n  local:\n    postgres: { mode: external, port: 6543, passwordEnv: PGSECRET }\n', { PGSECRET: 's3cret' });
    expect(postgresSettings(config)).toEqual({ host: '127.0.0.1', port: 6543, database: 'tally', user: 'tally', password: 's3cret' });
  });

  it('makes and then keeps one password for the embedded server when no variable is set', () => {
    const config = configIn('environments:\n  local: {}\n');
    const first = postgresSettings(config).password;
    expect(existsSync(embeddedPasswordFile(config))).toBe(true);
    expect(readFileSync(embeddedPasswordFile(config), 'utf8')).toBe(first);
    expect(postgresSettings(config).password).toBe(first);
  });

  it('refuses an external server without a password, naming the variable to set', () => {
    const config = configIn('environments:\n  local:\n    postgres: { mode: external }\n');
    expect(() => postgresSettings(config)).toThrow(ConfigError);
    expect(() => postgresSettings(config)).toThrow(/export TALLY_PG_PASSWORD=/);
  });

  it('gives the page its ui section with TALLY_UI__* overrides applied', () => {
    const config = configIn('environments:\n  local:\n    ui: { port: 4000 }\n', { TALLY_UI__PUSHES_PER_SECOND: '2' });
    expect(pageSettings(config)).toEqual({ host: '127.0.0.1', port: 4000, pushesPerSecond: 2 });
  });
});
