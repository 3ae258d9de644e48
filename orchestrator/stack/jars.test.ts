import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { StackError } from '../../shared/errors.ts';
import { ensureJars } from './jars.ts';

// What a fresh machine without Java or Maven sees: one line saying what to install.

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

function pathWith(...commands: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-path-'));
  for (const command of commands) {
    const target = execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
    symlinkSync(target, join(dir, command));
  }
  return dir;
}

describe('fetching the stack jars', () => {
  it('says to install Java when there is no java command', async () => {
    process.env.PATH = pathWith();
    const dataDir = mkdtempSync(join(tmpdir(), 'tally-data-'));
    await expect(ensureJars(dataDir, () => undefined)).rejects.toThrow(new StackError('Java 17 or newer is required: install it (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)'));
  });

  it('says to install Maven when Java is there but Maven is not', async () => {
    process.env.PATH = pathWith('java');
    const dataDir = mkdtempSync(join(tmpdir(), 'tally-data-'));
    await expect(ensureJars(dataDir, () => undefined)).rejects.toThrow(/^Maven is required to fetch the Kafka and Flink jars: install it/);
  });
});
