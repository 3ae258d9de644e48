import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI contract: `--help` on every command, exit 0 on success, non-zero with a one-line reason.

function tally(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/tally.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const commands = readdirSync('orchestrator/commands').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3));

describe('the tally CLI', () => {
  it('lists every command in its help', () => {
    const help = tally(['--help']);
    expect(help.status).toBe(0);
    for (const command of commands) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it.each(commands)('prints help for `tally %s --help` and exits 0', (command) => {
    const help = tally([command, '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: tally ${command}`));
  });

  it('fails in one line when the named config file does not exist', () => {
    const result = tally(['--config', '/nonexistent/tally.yaml', 'stack', 'status']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['tally: config file /nonexistent/tally.yaml does not exist (pass --config FILE or create tally.yaml)']);
  });

  it('names the bad key of an invalid config in one line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tally-cli-')), 'tally.yaml');
    writeFileSync(file, 'environments:\n  local:\n    ui:\n      port: "eighty"\n');
    const result = tally(['--config', file, 'stack', 'status']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('environments.local.ui.port');
  });

  it('refuses a reset without --yes, saying how to confirm', () => {
    const result = tally(['reset'], { TALLY_ENV: 'local' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/run again with --yes to confirm/);
  });

  it('reports an unknown command as a usage error with a non-zero exit', () => {
    const result = tally(['tallyho']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command 'tallyho'/);
  });
});
