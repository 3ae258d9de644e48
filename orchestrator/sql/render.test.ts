import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { environmentSchema } from '../../shared/config/schema.ts';
import { SqlFileError } from '../../shared/errors.ts';
import { renderSql } from './render.ts';
import { sqlVariables, type SqlVariables } from './variables.ts';

const config: LoadedConfig = { name: 'local', baseDir: '/tmp', dataDir: '/tmp/.tally', env: environmentSchema.parse({ postgres: { mode: 'external' } }), processEnv: process.env };
const vars = (extra: SqlVariables = {}): SqlVariables => ({ ...sqlVariables(config), ...extra });

describe('rendering ${variables} in SQL files', () => {
  it('config values fill topics, servers and settings', () => {
    const { sql } = renderSql("'${topic_votes}' '${topic_tally_by_candidate}' '${kafka_bootstrap_servers}' ${parallelism}", vars(), 'f.sql');
    expect(sql).toBe("'votes' 'tally_by_candidate' '127.0.0.1:19092' 2");
  });

  it('an unknown variable names the file and line', () => {
    expect(() => renderSql('SELECT 1;\n\nSELECT ${nope}', vars(), 'jobs/x.sql')).toThrow(SqlFileError);
    expect(() => renderSql('SELECT 1;\n\nSELECT ${nope}', vars(), 'jobs/x.sql')).toThrow(/^jobs\/x\.sql:3: unknown variable \$\{nope\}/);
  });

  it('secrets are masked in the display text and resolved only in the text sent', () => {
    const secret = vars({ jdbc_password: { value: () => 's3cret', secret: true } });
    const rendered = renderSql("'password' = '${jdbc_password}'", secret, 'f.sql');
    expect(rendered.display).toBe("'password' = '****'");
    expect(rendered.sql).toBe("'password' = 's3cret'");
  });

  it('a secret is not even looked up when only a display is wanted', () => {
    const throwing = vars({ jdbc_password: { value: () => { throw new Error('looked up'); }, secret: true } });
    expect(renderSql("'${jdbc_password}'", throwing, 'f.sql', { resolveSecrets: false }).sql).toBe("'****'");
  });

  it.each(["x'; DROP TABLE t; --", 'a;b', 'a\nb', 'a\\b'])('a value that could inject SQL is refused: %j', (value) => {
    const bad = vars({ topic_votes: { value: () => value, secret: false } });
    expect(() => renderSql("'${topic_votes}'", bad, 'tables/v.sql')).toThrow(/tables\/v\.sql:1: the value of \$\{topic_votes\}/);
  });
});
