import { describe, expect, it } from 'vitest';
import { rateLimiter } from './rate-limiter.ts';

describe('rateLimiter', () => {
  it('sends in batches of about a tenth of a second of events', () => {
    expect(rateLimiter(200).batchSize).toBe(20);
    expect(rateLimiter(3).batchSize).toBe(1);
    expect(rateLimiter(0).batchSize).toBe(5000);
  });

  it('holds sends back to the target rate', async () => {
    const limiter = rateLimiter(1000);
    const started = performance.now();
    for (let i = 0; i < 5; i++) await limiter.take(50);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('starts its clock at the first take, so time spent before it lets no burst through', async () => {
    let clock = 0;
    const limiter = rateLimiter(1000, 5000, () => clock);
    clock = 5_000; // connecting took 5 s
    const started = performance.now();
    await limiter.take(100); // due 100 ms after the first take, not 4.9 s ago
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('does not wait at all with rate 0', async () => {
    const limiter = rateLimiter(0);
    const started = performance.now();
    await limiter.take(1_000_000);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
