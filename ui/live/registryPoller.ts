import type pg from 'pg';
import type { Party, Region } from '../../shared/election/model.ts';
import { EMPTY_REGISTRY, type RegisteredCandidate, type RegistryFigures } from './liveTypes.ts';

// Reads the headline figures from the register in Postgres every few seconds. When Postgres is
// briefly away the last figures stay on screen, marked stale, and the next read tries again.

/** The one thing the poller needs from a pg.Pool. */
export interface RegistryDatabase {
  query<R extends pg.QueryResultRow>(sql: string): Promise<{ rows: R[] }>;
}

export interface RegistryPollerOptions {
  pool: RegistryDatabase;
  intervalMs?: number;
  onChange: () => void;
}

export async function readRegistry(pool: RegistryDatabase): Promise<Omit<RegistryFigures, 'refreshedAt' | 'stale'>> {
  const counts = await pool.query<{ voters: string; candidates: string }>(
    'SELECT (SELECT count(*) FROM voters) AS voters, (SELECT count(*) FROM candidates) AS candidates',
  );
  const parties = await pool.query<Party>('SELECT party_id, name, color FROM parties ORDER BY party_id');
  const regions = await pool.query<Region>('SELECT region_id, name, registered_voters FROM regions ORDER BY region_id');
  const candidateList = await pool.query<RegisteredCandidate>('SELECT candidate_id, name, party_id FROM candidates ORDER BY candidate_id');
  const row = counts.rows[0];
  return {
    registeredVoters: row ? Number(row.voters) : null,
    candidates: row ? Number(row.candidates) : null,
    parties: parties.rows,
    regions: regions.rows.map((r) => ({ ...r, registered_voters: Number(r.registered_voters) })),
    candidateList: candidateList.rows,
  };
}

export class RegistryPoller {
  readonly #options: RegistryPollerOptions;
  #figures: RegistryFigures = EMPTY_REGISTRY;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #lastError: string | undefined;

  constructor(options: RegistryPollerOptions) {
    this.#options = options;
  }

  get figures(): RegistryFigures {
    return this.#figures;
  }

  /** Why the last read failed, for the logs; undefined when it succeeded. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  start(): void {
    void this.#poll();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  async #poll(): Promise<void> {
    const before = comparable(this.#figures);
    try {
      const read = await readRegistry(this.#options.pool);
      this.#figures = { ...read, refreshedAt: Date.now(), stale: false };
      this.#lastError = undefined;
    } catch (error) {
      this.#figures = { ...this.#figures, stale: true };
      this.#lastError = error instanceof Error ? error.message : String(error);
    }
    if (comparable(this.#figures) !== before) this.#options.onChange();
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#poll(), this.#options.intervalMs ?? 3_000);
  }
}

/** The figures without their read time: a re-read of the same register is not a change. */
function comparable(figures: RegistryFigures): string {
  return JSON.stringify({ ...figures, refreshedAt: null });
}
