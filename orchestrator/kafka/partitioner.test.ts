import { createRequire } from 'node:module';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { javaCompatiblePartitioner, murmur2, partitionForKey } from './partitioner.ts';

const kafkajsMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: Buffer) => number;

const keys = [
  '', 'a', 'ab', 'abc', 'abcd', 'abcde', '21', 'voter-1', 'Zoë Brontë', '選挙', '🗳️ ballot',
  ...Array.from({ length: 500 }, (_, i) => `${(i * 2654435761 >>> 0).toString(16)}-5a1b-8c2d-${i}`),
];

function partitionMetadata(count: number): PartitionerArgs['partitionMetadata'] {
  return Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
}

describe('murmur2', () => {
  it('gives the same hash as kafkajs (the Java client) for ASCII, accented and emoji keys', () => {
    for (const key of keys) expect(murmur2(Buffer.from(key)), key).toBe(kafkajsMurmur2(Buffer.from(key)));
  });
});

describe('javaCompatiblePartitioner', () => {
  it('puts every keyed message on the partition kafkajs default partitioner picks', () => {
    for (const partitions of [1, 3, 12]) {
      const ours = javaCompatiblePartitioner();
      const theirs = Partitioners.DefaultPartitioner();
      const metadata = partitionMetadata(partitions);
      for (const key of keys) {
        const args = { topic: 'voters', partitionMetadata: metadata, message: { key, value: 'v' } };
        expect(ours(args), key).toBe(theirs(args));
      }
    }
  });

  it('keeps a partition the message already names', () => {
    const args = { topic: 'voters', partitionMetadata: partitionMetadata(12), message: { key: 'k', value: 'v', partition: 7 } };
    expect(javaCompatiblePartitioner()(args)).toBe(7);
    expect(partitionForKey('k', 12)).not.toBe(7);
  });
});
