import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The page on its own: ui/main.ts, started as a process without the CLI, reads its settings from
// a tally.yaml and serves the page (its services unreachable here: it says so on /healthz).

describe('ui/main.ts', () => {
  it('serves the results page from its own settings, without the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-page-'));
    writeFileSync(join(dir, 'tally.yaml'), [
      'environments:',
      '  alone:',
      '    kafka: { bootstrapServers: "127.0.0.1:9" }',
      '    postgres: { mode: external, port: 9 }',
    ].join('\n'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), '--config', join(dir, 'tally.yaml'), '--env', 'alone', '--port', '0'], {
      env: { PATH: process.env.PATH, TALLY_PG_PASSWORD: 'unused' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [first] = (await once(child.stdout, 'data')) as [Buffer];
      const url = /results page: (http:\/\/\S+)/.exec(first.toString())?.[1];
      expect(url).toBeDefined();
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      const health = await fetch(new URL('/healthz', url));
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable', reader: { connected: false } });
    } finally {
      // SIGKILL: a graceful stop waits out kafkajs' retries against the unreachable broker.
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });

  it('refuses a bad option in one line, with a failure exit code', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('results page: --port must be a port number (0-65535), not "eighty"');
  });
});
