import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type pg from 'pg';
import { RegistryPoller, type RegistryDatabase } from './registryPoller.ts';

// A stand-in database that answers the poller's four queries, or fails while `down` is set.
function registerDatabase(): RegistryDatabase & { down: boolean; voters: number } {
  const db = {
    down: false,
    voters: 1000,
    async query<R extends pg.QueryResultRow>(sql: string): Promise<{ rows: R[] }> {
      if (db.down) throw new Error('connect ECONNREFUSED 127.0.0.1:15432');
      if (sql.includes('count(*)')) return { rows: [{ voters: String(db.voters), candidates: '3' }] as unknown as R[] };
      if (sql.includes('FROM regions')) return { rows: [{ region_id: 'north', name: 'North', registered_voters: '1000' }] as unknown as R[] };
      return { rows: [] };
    },
  };
  return db;
}

describe('RegistryPoller', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('reads the register counts and region sizes as numbers', async () => {
    const db = registerDatabase();
    const poller = new RegistryPoller({ pool: db, onChange: () => undefined, intervalMs: 1_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.figures).toMatchObject({ registeredVoters: 1000, candidates: 3, stale: false, regions: [{ registered_voters: 1000 }] });
    poller.stop();
  });

  it('keeps the last figures, marked stale, while Postgres is away, and recovers after', async () => {
    const db = registerDatabase();
    const onChange = vi.fn();
    const poller = new RegistryPoller({ pool: db, onChange, intervalMs: 1_000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    db.down = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(poller.figures).toMatchObject({ registeredVoters: 1000, stale: true });
    expect(poller.lastError).toContain('ECONNREFUSED');
    db.down = false;
    db.voters = 1001;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(poller.figures).toMatchObject({ registeredVoters: 1001, stale: false });
    expect(onChange).toHaveBeenCalledTimes(3);
    poller.stop();
  });
});
