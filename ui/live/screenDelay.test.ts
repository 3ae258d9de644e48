import { describe, expect, it } from 'vitest';
import { ScreenDelay } from './screenDelay.ts';

describe('the vote-to-screen delay', () => {
  it('is the median delay of the recent updates that brought newer votes', () => {
    const delay = new ScreenDelay();
    delay.observe(1_000, 1_200);
    delay.observe(2_000, 2_400);
    delay.observe(2_000, 3_000); // no newer vote: not a sample
    delay.observe(3_000, 3_300);
    expect(delay.delayMs(3_400)).toBe(300);
    expect(delay.flowing(3_400)).toBe(true);
  });

  it('shows no delay, only that votes stopped, once no newer vote came for 5 s', () => {
    const delay = new ScreenDelay();
    delay.observe(1_000, 1_250);
    expect(delay.delayMs(6_000)).toBe(250);
    expect(delay.flowing(6_300)).toBe(false);
    expect(delay.delayMs(98_400)).toBeNull();
  });

  it('ignores absent or absurd times', () => {
    const delay = new ScreenDelay();
    delay.observe(null, 1_000);
    delay.observe(Number.NaN, 1_000);
    expect(delay.delayMs(1_000)).toBeNull();
  });
});
