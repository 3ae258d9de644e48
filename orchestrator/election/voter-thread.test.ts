import { describe, expect, it } from 'vitest';
import { copyTextOf, encodeVoters } from './encode-voters.ts';
import { openVoterThread } from './voter-thread.ts';
import { generateVoters } from './voters.ts';

const options = { seed: 7, locale: 'en_GB' as const };

describe('openVoterThread', () => {
  it('returns, chunk by chunk and out of order, the bytes the main thread would have encoded', async () => {
    const thread = openVoterThread(options);
    try {
      const [late, early] = await Promise.all([thread.encoded(1500, 3000), thread.encoded(0, 1500)]);
      const expected = encodeVoters(generateVoters(options, 0, 3000));
      expect(Buffer.concat([copyTextOf(early), copyTextOf(late)]).equals(copyTextOf(expected))).toBe(true);
      expect([...early.valueEnds, ...late.valueEnds.map((end) => end + early.values.byteLength)]).toEqual([...expected.valueEnds]);
    } finally {
      await thread.close();
    }
  });

  it('rejects pending chunks when the thread is closed', async () => {
    const thread = openVoterThread(options);
    const chunk = thread.encoded(0, 50_000);
    await thread.close();
    await expect(chunk).rejects.toThrow(/stopped/);
  });
});
