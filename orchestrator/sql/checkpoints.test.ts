import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestRetainedCheckpoint } from './checkpoints.ts';

const JOB = '0123456789abcdef0123456789abcdef';

function checkpointDir(chks: { n: number; complete: boolean }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tally-chk-'));
  for (const { n, complete } of chks) {
    mkdirSync(join(root, JOB, `chk-${n}`), { recursive: true });
    if (complete) writeFileSync(join(root, JOB, `chk-${n}`, '_metadata'), 'x');
  }
  mkdirSync(join(root, JOB, 'shared'), { recursive: true });
  return root;
}

describe('finding the latest retained checkpoint of a job', () => {
  it('picks the highest-numbered complete checkpoint, by number not by name', () => {
    const root = checkpointDir([{ n: 9, complete: true }, { n: 10, complete: true }]);
    expect(latestRetainedCheckpoint(`file://${root}`, JOB)).toBe(`file:${join(root, JOB, 'chk-10')}`);
  });

  it('ignores a checkpoint whose metadata was never written (the job died while taking it)', () => {
    const root = checkpointDir([{ n: 4, complete: true }, { n: 5, complete: false }]);
    expect(latestRetainedCheckpoint(root, JOB)).toBe(`file:${join(root, JOB, 'chk-4')}`);
  });

  it('finds nothing for an unknown job or a remote checkpoint folder', () => {
    const root = checkpointDir([{ n: 1, complete: true }]);
    expect(latestRetainedCheckpoint(root, 'ffffffffffffffffffffffffffffffff')).toBeUndefined();
    expect(latestRetainedCheckpoint('s3://bucket/checkpoints', JOB)).toBeUndefined();
  });
});
