// Where a bounded read of a topic stands: each partition is read up to the end offset it had when
// the read started. Kept apart from the consumer so the rules can be tested without a broker.

export interface PartitionRange {
  /** Log start offset. */
  low: number;
  /** End offset (high watermark): one past the last offset, markers and aborted records included. */
  high: number;
}

export class BoundedReadProgress {
  readonly #ends = new Map<number, number>();
  readonly #pending = new Set<number>();

  /** @param ranges - offsets per partition at the start of the read; empty partitions are done at once */
  constructor(ranges: ReadonlyMap<number, PartitionRange>) {
    for (const [partition, { low, high }] of ranges) {
      this.#ends.set(partition, high);
      if (high > low) this.#pending.add(partition);
    }
  }

  /** True when a record at `offset` of `partition` lies before that partition's end: one to take. */
  includes(partition: number, offset: number): boolean {
    return offset < (this.#ends.get(partition) ?? 0);
  }

  /**
   * The consumer has handled `partition` up to `lastOffset` (the batch's last offset, a marker's or
   * an aborted record's included); the partition is done once that reaches its end.
   */
  reached(partition: number, lastOffset: number): void {
    if (lastOffset >= (this.#ends.get(partition) ?? 0) - 1) this.#pending.delete(partition);
  }

  /** True when every partition has been read to its end. */
  get done(): boolean {
    return this.#pending.size === 0;
  }

  /** The partitions not read to their end yet, in ascending order. */
  pending(): number[] {
    return [...this.#pending].sort((a, b) => a - b);
  }
}
