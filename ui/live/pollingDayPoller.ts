import type { Admin } from 'kafkajs';
import type pg from 'pg';

// Reads the polling day (the polling_day row the demo writes: when the polls opened, are due to
// close and closed) every few seconds, and, once the polls have closed, whether the count has
// caught up with the votes log: the offsets the count job committed on the votes topic have reached
// the topic's end. Only then is a region's count complete (live/regionCount.ts). The count job
// commits its offsets when a checkpoint completes, so "caught up" shows at most one checkpoint
// interval after the count has read the last vote, never before.

/** The count job's consumer group on the votes topic (`properties.group.id` of flink-sql/tables/votes_raw.sql). */
export const COUNT_JOB_GROUP_ID = 'tally-count-votes';

export interface PollingDayStatus {
  /** Epoch ms the polls opened. */
  openedAt: number;
  /** Epoch ms the polls are due to close. */
  closesAt: number;
  /** Epoch ms the last vote of the day was cast; null while the polls are open. */
  closedAt: number | null;
  /** Whether the count job has read the whole votes log since the polls closed (false while they are open). */
  countCaughtUp: boolean;
}

/** The one thing the poller needs from a pg.Pool. */
export interface PollingDayDatabase {
  query<R extends pg.QueryResultRow>(sql: string): Promise<{ rows: R[] }>;
}

/** The Kafka admin calls groupHasReadTopic makes (kafkajs Admin). */
export type CountLagAdmin = Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'>;

export interface PollingDayPollerOptions {
  pool: PollingDayDatabase;
  /** A kafkajs admin, not yet connected: the poller connects it once the polls have closed, and disconnects it on stop. */
  admin: CountLagAdmin & Pick<Admin, 'connect' | 'disconnect'>;
  /** The votes topic's name. */
  votesTopic: string;
  intervalMs?: number;
  onChange: () => void;
}

const UNDEFINED_TABLE = '42P01';

/**
 * The polling_day row as epoch ms, or null when there is none (no election night was run, or the
 * schema predates the table).
 * @throws pg errors other than a missing table (Postgres unreachable)
 */
export async function readPollingDay(pool: PollingDayDatabase): Promise<Omit<PollingDayStatus, 'countCaughtUp'> | null> {
  try {
    const { rows } = await pool.query<{ opened_at_ms: string; closes_at_ms: string; closed_at_ms: string | null }>(
      'SELECT opened_at_ms, closes_at_ms, closed_at_ms FROM polling_day',
    );
    const row = rows[0];
    if (!row) return null;
    return { openedAt: Number(row.opened_at_ms), closesAt: Number(row.closes_at_ms), closedAt: row.closed_at_ms === null ? null : Number(row.closed_at_ms) };
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return null;
    throw error;
  }
}

/**
 * Whether `groupId` has committed, on every partition of `topic`, an offset at the partition's end
 * (its high watermark): it has read the whole log as it stands. A partition with nothing on it
 * counts as read.
 * @throws kafkajs errors when Kafka cannot be reached or the topic does not exist
 */
export async function groupHasReadTopic(admin: CountLagAdmin, groupId: string, topic: string): Promise<boolean> {
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committedAt = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  return ends.every((end) => BigInt(end.high) === BigInt(end.low) || (committedAt.get(end.partition) ?? -1n) >= BigInt(end.high));
}

/** Keeps the polling day and whether the count has caught up (see above) current, for the snapshot. */
export class PollingDayPoller {
  readonly #options: PollingDayPollerOptions;
  #status: PollingDayStatus | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #adminConnected = false;

  constructor(options: PollingDayPollerOptions) {
    this.#options = options;
  }

  /** The last polling day read, or null when none is known (no night, or Postgres not read yet). */
  get status(): PollingDayStatus | null {
    return this.#status;
  }

  /** Reads now, then every intervalMs (default 2 s) until stop(); calls onChange when what it read changed. */
  start(): void {
    void this.#poll();
  }

  /** Stops polling and disconnects the admin. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#adminConnected) await this.#options.admin.disconnect().catch(() => undefined);
  }

  async #countCaughtUp(): Promise<boolean> {
    try {
      if (!this.#adminConnected) {
        await this.#options.admin.connect();
        this.#adminConnected = true;
      }
      return await groupHasReadTopic(this.#options.admin, COUNT_JOB_GROUP_ID, this.#options.votesTopic);
    } catch {
      return false; // Kafka away or the topic gone: not known to be caught up; the next poll asks again.
    }
  }

  async #poll(): Promise<void> {
    try {
      const day = await readPollingDay(this.#options.pool);
      const before = this.#status;
      const sameNight = before !== null && day !== null && before.openedAt === day.openedAt && before.closedAt === day.closedAt;
      // Once caught up after the close, a night stays counted: no vote can be cast after it.
      let countCaughtUp = sameNight && before.countCaughtUp;
      if (day?.closedAt != null && !countCaughtUp) {
        countCaughtUp = await this.#countCaughtUp();
      }
      const next = day === null ? null : { ...day, countCaughtUp };
      if (JSON.stringify(next) !== JSON.stringify(before)) {
        this.#status = next;
        this.#options.onChange();
      }
    } catch {
      // Postgres away: keep what was read; the next poll tries again.
    }
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#poll(), this.#options.intervalMs ?? 2_000);
  }
}
