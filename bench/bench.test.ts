import { describe, expect, it } from 'vitest';
import { parseProducerPerformance } from './ceiling.ts';
import { rateOverSecondHalf } from './count-alone.ts';
import { renderMarkdown } from './report.ts';
import type { BenchResults } from './run.ts';
import { FULL_SIZES } from './sizes.ts';
import { mergeReceipts, summarize } from './fanout-receipts.ts';
import { lastCastAtOf, parseBlock, serverDelayOf } from './sse-client.ts';
import { percentile, slope } from './stats.ts';
import { summarizeStep } from './throughput.ts';

describe('benchmark measurements', () => {
  it('reads records/s, MB/s and latencies from ProducerPerformance\'s summary line', () => {
    const out = '149998 records sent, 29999.6 records/sec (5.81 MB/sec), 12.3 ms avg latency, 200.0 ms max latency.\n' +
      '300000 records sent, 36205.648081 records/sec (7.01 MB/sec), 3147.13 ms avg latency, 5100.00 ms max latency, 3200 ms 50th, 4800 ms 95th, 4952 ms 99th, 5050 ms 99.9th.\n';
    expect(parseProducerPerformance(out)).toEqual({ recordsPerSecond: 36205.648081, mbPerSecond: 7.01, avgLatencyMs: 3147.13, p99LatencyMs: 4952 });
    expect(parseProducerPerformance('nothing useful')).toBeNull();
  });

  it('says the ceiling was measured after a warm-up run, with the warm-up\'s own rate', () => {
    const results: BenchResults = {
      startedAt: '2026-11-30T18:00:00Z', finishedAt: '2026-11-30T18:10:00Z', environment: 'bench', quick: false, sizes: FULL_SIZES, failed: {},
      machine: { nproc: 2, cpuModel: 'AMD EPYC', memoryGb: 23.5, node: 'v20', java: 'java 17', flink: '1.20.3', kafka: '3.9.1', javaProcessesBefore: 0, javaProcessesAfter: 0 },
      ceiling: { records: 1_000_000, recordBytes: 203, warmUp: { records: 500_000, recordsPerSecond: 38_123 }, recordsPerSecond: 106_587, mbPerSecond: 20.63, avgLatencyMs: 1048.6, p99LatencyMs: 2000, command: 'java …' },
    };
    const markdown = renderMarkdown(results, 'bench/results/x.json');
    expect(markdown).toContain('106,587 records/s');
    expect(markdown).toContain('after a thrown-away warm-up run of 500,000 records (38,123 records/s against the broker just started)');
  });

  it('measures the count\'s rate over the second half of the backlog, from the first sample past half-way', () => {
    const sample = (at: number, processed: number, backlog: number) => ({ at, votes: processed + backlog, valid: processed, backlog, groupLag: null });
    // 1,000 events: slow while the JIT compiles (100/s), then 400/s once it has.
    const samples = [sample(0, 0, 1000), sample(1000, 100, 900), sample(2000, 200, 800), sample(3000, 600, 400), sample(4000, 1000, 0)];
    expect(rateOverSecondHalf(samples)).toBe(400);
    expect(rateOverSecondHalf(samples.slice(0, 1))).toBe(0);
    expect(rateOverSecondHalf([sample(0, 0, 10), sample(1000, 10, 0)])).toBe(0);
  });

  it('reads the newest cast_at and the server\'s delay from a headline event', () => {
    const headline = '<dl class="figures"><div class="figure" data-last-cast-at="1700000000123"><dt>Vote-to-screen delay</dt><dd id="fig-delay">1.5 s</dd></div></dl>';
    expect(lastCastAtOf(headline)).toBe(1700000000123);
    expect(serverDelayOf(headline)).toBe(1500);
    expect(serverDelayOf('<dd id="fig-delay">230 ms</dd>')).toBe(230);
    expect(parseBlock('event: headline\ndata: <a>\ndata: </a>')).toEqual({ event: 'headline', data: '<a>\n</a>' });
    expect(parseBlock(': heartbeat')).toBeNull();
  });

  it('counts an update as delivered to a client that got it or a newer one instead', () => {
    const receipts: [number, number][][] = [[[10, 100], [20, 200]], [[20, 250]], [[10, 110]]];
    expect(summarize(receipts)).toEqual([
      { lastCastAt: 10, firstAt: 100, clients: 3, lastAt: 250 },
      { lastCastAt: 20, firstAt: 200, clients: 2, lastAt: 250 },
    ]);
  });

  it('merges the summaries of client processes that saw different updates into one', () => {
    const updates = [10, 20];
    const one = summarize([[[10, 100], [20, 200]]], updates);
    const other = summarize([[[20, 190]], [[10, 90]]], updates);
    expect(mergeReceipts([one, other])).toEqual([
      { lastCastAt: 10, firstAt: 90, clients: 3, lastAt: 190 },
      { lastCastAt: 20, firstAt: 190, clients: 2, lastAt: 200 },
    ]);
  });

  it('calls a step sustained when the backlog stays flat and not when it keeps growing', () => {
    const samples = (growth: number) => Array.from({ length: 11 }, (_, i) => ({ at: 1_000 * i, votes: 1_000 * i, valid: 1_000 * i - growth * i, backlog: growth * i, groupLag: null }));
    expect(summarizeStep(1_000, samples(0), 0, 10_000, 10_000).sustained).toBe(true);
    const behind = summarizeStep(1_000, samples(400), 0, 10_000, 10_000);
    expect(behind.sustained).toBe(false);
    expect(behind.backlogGrowthPerSecond).toBe(400);
    expect(behind.validatedRate).toBe(600);
    // A saw tooth of one-second batches (backlog 0..1,800 at 1,000 votes/s) whose fitted slope
    // reads more than 5% of the rate, yet ends within two seconds of votes: kept up.
    const sawTooth = Array.from({ length: 11 }, (_, i) => ({ at: 1_000 * i, votes: 1_000 * i, valid: 1_000 * i - ((i + 1) % 2) * 180 * i, backlog: ((i + 1) % 2) * 180 * i, groupLag: null }));
    const kept = summarizeStep(1_000, sawTooth, 0, 10_000, 10_000);
    expect(kept.backlogGrowthPerSecond).toBeGreaterThan(50);
    expect(kept.sustained).toBe(true);
  });

  it('measures a step\'s rates from the first sample that saw votes arrive, not the idle one before it', () => {
    // Votes start half-way between the first two samples, at 1,000/s.
    const samples = Array.from({ length: 11 }, (_, i) => ({ at: 1_000 * i, votes: Math.max(0, 1_000 * i - 500), valid: Math.max(0, 1_000 * i - 500), backlog: 0, groupLag: null }));
    const step = summarizeStep(1_000, samples, 1_000, 10_000, 9_500);
    expect(step.producedRate).toBe(1_000);
    expect(step.validatedRate).toBe(1_000);
  });

  it('computes nearest-rank percentiles and least-squares slopes', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([], 50)).toBeNull();
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBe(2);
  });
});
