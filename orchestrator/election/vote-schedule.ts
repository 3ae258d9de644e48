// Votes waiting for their time: buckets of `bucketMs` keyed by due time, taken in time order. A
// vote added for a time already past is due at once.

/** Items of type T queued by due time (ms on the caller's clock from 0), taken once due. */
export class VoteSchedule<T> {
  readonly #buckets = new Map<number, T[]>();
  /** Added for a time whose bucket was already taken: due at the next take. */
  #overdue: T[] = [];
  #next = 0;
  #size = 0;
  #lastDueMs = 0;

  /** @param bucketMs - how finely due times are told apart, ms (> 0) */
  constructor(private readonly bucketMs = 100) {}

  /** Queues `item` for `atMs` (ms on the schedule's own clock, from 0). */
  add(atMs: number, item: T): void {
    const index = Math.floor(atMs / this.bucketMs);
    const bucket = index < this.#next ? this.#overdue : this.#buckets.get(index);
    if (bucket) bucket.push(item);
    else this.#buckets.set(index, [item]);
    this.#size++;
    this.#lastDueMs = Math.max(this.#lastDueMs, atMs);
  }

  /** Removes and returns every item due by `nowMs`, earliest first. */
  takeDue(nowMs: number): T[] {
    const due = this.#overdue;
    this.#overdue = [];
    this.#size -= due.length;
    const until = Math.floor(nowMs / this.bucketMs);
    for (; this.#next <= until && this.#size > 0; this.#next++) {
      const bucket = this.#buckets.get(this.#next);
      if (!bucket) continue;
      this.#buckets.delete(this.#next);
      this.#size -= bucket.length;
      for (const item of bucket) due.push(item);
    }
    this.#next = Math.max(this.#next, until + 1);
    return due;
  }

  /** Items still waiting. */
  get size(): number {
    return this.#size;
  }

  /** The latest due time ever added, ms (0 when none was). */
  get lastDueMs(): number {
    return this.#lastDueMs;
  }
}
