import { describe, expect, it } from 'vitest';
import type { QualityCheck } from '../../ui/index.ts';
import { scheduleChecks } from './checkSchedule.ts';

const T0 = Date.UTC(2026, 4, 7, 21, 4, 5);
const OK: QualityCheck[] = [{ name: 'row counts', ok: true, detail: '3 parties' }];

/** scheduleChecks over a stand-in for `tally check` on a fake clock: each run waits until the test ends it. */
function scheduleFake(options: { minGapMs?: number } = {}) {
  const clock = { now: T0 };
  const pending: { resolve: (checks: QualityCheck[]) => void; reject: (error: Error) => void }[] = [];
  let runs = 0;
  const run = (): Promise<QualityCheck[]> => {
    runs += 1;
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  };
  const get = scheduleChecks(run, { ...options, now: () => clock.now });
  /** Ends the oldest run `durationMs` after it began. */
  const finish = (durationMs: number, outcome: QualityCheck[] | Error = OK): void => {
    clock.now += durationMs;
    const next = pending.shift()!;
    if (outcome instanceof Error) next.reject(outcome);
    else next.resolve(outcome);
  };
  /** Asks for a report when a run is due, and ends that run after `durationMs`. */
  const runFor = (durationMs: number, outcome?: QualityCheck[] | Error): ReturnType<typeof get> => {
    const report = get();
    finish(durationMs, outcome);
    return report;
  };
  return { clock, get, finish, runFor, runs: () => runs };
}

describe('scheduleChecks', () => {
  it('reports the checks with the time their run began', async () => {
    expect(await scheduleFake().runFor(800)).toEqual({ checkedAt: T0, checks: OK });
  });

  it('never runs the checks twice at once: callers during a run share it', async () => {
    const fake = scheduleFake();
    const first = fake.get();
    const second = fake.get();
    fake.finish(800);
    expect(await second).toBe(await first);
    expect(fake.runs()).toBe(1);
  });

  it('serves the last report for 5 s after its run ended, then runs the checks again', async () => {
    const fake = scheduleFake();
    const report = await fake.runFor(500);
    fake.clock.now += 4_999;
    expect(await fake.get()).toBe(report);
    expect(fake.runs()).toBe(1);
    fake.clock.now += 1;
    expect((await fake.runFor(500))?.checkedAt).toBe(T0 + 500 + 5_000);
    expect(fake.runs()).toBe(2);
  });

  it('pauses nine times as long as a slow run took, so the checks run a tenth of the time at most', async () => {
    const fake = scheduleFake();
    await fake.runFor(10_000);
    fake.clock.now += 89_999;
    await fake.get();
    expect(fake.runs()).toBe(1);
    fake.clock.now += 1;
    void fake.get();
    expect(fake.runs()).toBe(2);
  });

  it('reports null when the checks cannot run, and waits the pause before trying again', async () => {
    const fake = scheduleFake({ minGapMs: 2_000 });
    expect(await fake.runFor(100, new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBeNull();
    fake.clock.now += 1_999;
    expect(await fake.get()).toBeNull();
    expect(fake.runs()).toBe(1);
    fake.clock.now += 1;
    expect(await fake.runFor(100)).toEqual({ checkedAt: T0 + 2_100, checks: OK });
  });
});
