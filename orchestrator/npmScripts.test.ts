import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// npm runs a script as `sh -c '<script>'` and forwards SIGINT and SIGTERM to that shell only. Debian's
// sh (dash) does not pass them on to the command it waits for, so `kill -INT <npm pid>` (what a
// process manager does, unlike Ctrl-C, which signals the whole process group) left `npm start`
// running. A script that `exec`s its last command replaces the shell, and the signal reaches Node.
// (Tried on this machine: `kill -INT` to `npm start` stopped the demo with `exec`, not without.)

const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
const LONG_RUNNING = ['start', 'tally', 'page', 'test', 'test:unit', 'test:faults', 'bench'];

describe('package.json scripts', () => {
  it.each(LONG_RUNNING)('%s execs its last command, so a signal npm forwards reaches it', (name) => {
    const script = scripts[name];
    expect(script, name).toBeDefined();
    const last = script!.split('&&').at(-1)!.trim();
    expect(last).toMatch(/^(\w+=\S+ )*exec \S/);
  });
});
