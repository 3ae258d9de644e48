import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from './commands/index.ts';
import { runTally } from './program.ts';

// Every command's failure modes map to the exit codes of the README's table (1 difference,
// 2 usage, 3 a service unreachable, 4 config or SQL invalid), run in-process through runTally.

const commands = readdirSync('orchestrator/commands').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));

// Every service of the test environment on a port nobody listens on.
const DOWN = {
  TALLY_ENV: 'test',
  TALLY_KAFKA__BOOTSTRAP_SERVERS: '127.0.0.1:1',
  TALLY_FLINK__REST_URL: 'http://127.0.0.1:1',
  TALLY_FLINK__GATEWAY_URL: 'http://127.0.0.1:1',
  TALLY_POSTGRES__PORT: '1',
};

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err += String(chunk); return true; });
  for (const [name, value] of Object.entries(DOWN)) vi.stubEnv(name, value);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the tally program', () => {
  it('lists every command file of commands/ in commands/index.ts, and in its help', async () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...commands].sort());
    expect(await runTally(['--help'])).toBe(0);
    for (const command of commands) expect(out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it.each(commands)('prints help for `tally %s --help` and exits 0', async (command) => {
    expect(await runTally([command, '--help'])).toBe(0);
    expect(out).toMatch(new RegExp(`^Usage: tally ${command}`));
  });

  it('names the bad key of an invalid tally.yaml in one line (exit 4)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tally-cli-')), 'tally.yaml');
    writeFileSync(file, 'environments:\n  test:\n    ui:\n      port: "eighty"\n');
    expect(await runTally(['--config', file, 'stack', 'status'])).toBe(4);
    expect(err).toBe(`tally: ${file}: invalid value at environments.test.ui.port: Invalid input: expected number, received string\n`);
  });

  it('refuses SQL it cannot split before reaching any service (exit 4)', async () => {
    expect(await runTally(['sql', "SELECT 'unterminated"])).toBe(4);
    expect(err).toBe("tally: <command line>:1: unterminated string literal starting at line 1\n");
  });

  it('`stack status` prints every service and exits 3 when any is down, naming them', async () => {
    vi.stubEnv('TALLY_ENV', 'compose');
    expect(await runTally(['stack', 'status'])).toBe(3);
    expect(out.match(/\bDOWN\b/g)).toHaveLength(4);
    expect(err).toBe('tally: 4 of 4 services down: kafka, postgres, jobmanager, sql-gateway\n');
  });

  it('`stack status` exits 0 when every service answers', async () => {
    const servers = await Promise.all(Array.from({ length: 4 }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer((socket) => socket.destroy());
      server.listen(0, '127.0.0.1', () => resolve(server));
    })));
    const [kafka, postgres, jobManager, gateway] = servers.map((s) => (s.address() as { port: number }).port);
    try {
      vi.stubEnv('TALLY_ENV', 'compose');
      vi.stubEnv('TALLY_KAFKA__BOOTSTRAP_SERVERS', `127.0.0.1:${kafka}`);
      vi.stubEnv('TALLY_POSTGRES__PORT', String(postgres));
      vi.stubEnv('TALLY_FLINK__REST_URL', `http://127.0.0.1:${jobManager}`);
      vi.stubEnv('TALLY_FLINK__GATEWAY_URL', `http://127.0.0.1:${gateway}`);
      expect(await runTally(['stack', 'status'])).toBe(0);
      expect(out.match(/\bhealthy\b/g)).toHaveLength(4);
      expect(err).toBe('');
    } finally {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });

  it('refuses a reset without --yes, saying how to confirm (exit 2)', async () => {
    expect(await runTally(['reset'])).toBe(2);
    expect(err).toMatch(/run again with --yes to confirm/);
  });

  it.each([
    'vote --chaos 1.5',
    'demo --chaos 2',
    'vote --rate -1',
    'vote --count 5 --until-all-voted',
    'register --voters 0',
    'demo --duration soon',
    'check --wait x',
    'recount --timeout 0',
    'sql --limit 0',
    'sql',
    'ui --port 70000',
    'stack logs -n x',
    'stack logs nosuch',
    'jobs --nosuch',
    'stop',
    'plan --sql-dir',
  ])('`tally %s` is a usage error (exit 2)', async (line) => {
    expect(await runTally(line.split(' '))).toBe(2);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('`tally ui` on a port another process holds exits 3, saying which setting to change', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = holder.address() as { port: number };
      expect(await runTally(['ui', '--port', String(port)])).toBe(3);
      expect(err).toMatch(new RegExp(`^tally: the results page cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.* \\(set ui\\.port or TALLY_UI__PORT\\)\\n$`));
    } finally {
      holder.close();
    }
  });

  // Each command that needs a service, against a stack that is down: one line saying what is
  // unreachable and what to do.
  it.each(['check', 'jobs', 'plan', 'deploy', 'validate', 'recount', 'sql SELECT 1', 'stop count_votes', 'reset --yes'])(
    '`tally %s` against a stack that is down exits 3', async (line) => {
      const [command, ...rest] = line.split(' ');
      // `sql SELECT 1`: the statement is one argument.
      expect(await runTally(command === 'sql' ? [command, rest.join(' ')] : [command!, ...rest])).toBe(3);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/cannot reach|could not be reached/);
    },
    60_000,
  );
});
