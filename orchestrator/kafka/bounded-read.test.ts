import type { ConsumerConfig, Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { BoundedReadProgress } from './bounded-read.ts';
import { readCommittedConsumer } from '../../shared/kafka/client.ts';

describe('a bounded read of a topic', () => {
  const ranges = new Map([[0, { low: 0, high: 10 }], [1, { low: 5, high: 5 }], [2, { low: 3, high: 8 }]]);

  it('is done at once for partitions that were empty when it started', () => {
    const progress = new BoundedReadProgress(new Map([[0, { low: 4, high: 4 }]]));
    expect(progress.done).toBe(true);
    expect(new BoundedReadProgress(ranges).pending()).toEqual([0, 2]);
  });

  it('takes records below each partition\'s end at the start, not those written after', () => {
    const progress = new BoundedReadProgress(ranges);
    expect(progress.includes(0, 9)).toBe(true);
    expect(progress.includes(0, 10)).toBe(false);
    expect(progress.includes(1, 5)).toBe(false);
    expect(progress.includes(7, 0)).toBe(false);
  });

  it('finishes a partition whose last offset is a transaction marker, once a batch reaches it', () => {
    // Offsets 0..7 are committed records, 8 an aborted one, 9 the abort marker: the last record read
    // is 7, and only the batch of markers and aborted records (lastOffset 9) completes the partition.
    const progress = new BoundedReadProgress(ranges);
    progress.reached(0, 7);
    progress.reached(2, 7);
    expect(progress.pending()).toEqual([0]);
    progress.reached(0, 9);
    expect(progress.done).toBe(true);
  });
});

describe('every Kafka consumer', () => {
  it('reads committed records only, whatever options it is given', () => {
    const seen: ConsumerConfig[] = [];
    const kafka = { consumer: (options: ConsumerConfig) => { seen.push(options); return {}; } } as unknown as Kafka;
    readCommittedConsumer(kafka, { groupId: 'g', ...({ readUncommitted: true } as object) });
    expect(seen[0]).toMatchObject({ groupId: 'g', readUncommitted: false });
  });
});
