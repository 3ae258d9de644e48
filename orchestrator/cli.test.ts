import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The CLI contract through the real process (bin/tally.js): one line on stderr and the exit code
// of the README's table. program.test.ts covers every command in-process, which is faster.

function tally(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/tally.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the tally process', () => {
  it('exits 0 after printing its help', () => {
    const help = tally(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tally /);
  });

  it('exits 2 for an unknown command', () => {
    const result = tally(['nosuch']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'nosuch'/);
  });

  it('exits 2 for a flag out of range: `vote --chaos 2`', () => {
    const result = tally(['vote', '--chaos', '2']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('tally: --chaos: too big: expected number to be <=1 (got "2")\n');
  });

  it('exits 4 for a bad TALLY_* variable, naming it and its value rather than tally.yaml', () => {
    const result = tally(['ui'], { TALLY_UI__PORT: 'abc' });
    expect(result.status).toBe(4);
    expect(result.stderr).toBe('tally: environment variable TALLY_UI__PORT="abc": invalid value at ui.port: Invalid input: expected number, received string\n');
  });

  it('exits 4 when the named config file does not exist', () => {
    const result = tally(['--config', '/nonexistent/tally.yaml', 'stack', 'status']);
    expect(result.status).toBe(4);
    expect(result.stderr).toBe('tally: config file /nonexistent/tally.yaml does not exist (pass --config FILE or create tally.yaml)\n');
  });

  it('exits 3 for `tally check` against a stack that is down, in one line', () => {
    const result = tally(['check'], { TALLY_ENV: 'test', TALLY_POSTGRES__PORT: '1', TALLY_KAFKA__BOOTSTRAP_SERVERS: '127.0.0.1:1' });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^tally: a service could not be reached \(ECONNREFUSED\): connect ECONNREFUSED 127\.0\.0\.1:1; is the stack up\? \(tally stack status\)\n$/);
  }, 60_000);
});
