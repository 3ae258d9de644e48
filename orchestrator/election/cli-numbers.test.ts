import { describe, expect, it } from 'vitest';
import { UsageError } from '../../shared/errors.ts';
import { parseDurationOption } from './cli-numbers.ts';

describe('a duration option', () => {
  const parse = parseDurationOption('--duration', 1_000);
  it('reads seconds, minutes, hours and milliseconds; a bare number is seconds', () => {
    expect(parse('90s')).toBe(90_000);
    expect(parse('10min')).toBe(600_000);
    expect(parse('1.5h')).toBe(5_400_000);
    expect(parse('2500ms')).toBe(2_500);
    expect(parse('45')).toBe(45_000);
  });
  it('refuses words, negative numbers and durations under the minimum, naming the option', () => {
    for (const bad of ['soon', '-5s', '10 parsecs', '500ms', '']) expect(() => parse(bad)).toThrow(UsageError);
    expect(() => parse('soon')).toThrow(/--duration/);
  });
});
