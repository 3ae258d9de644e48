import { describe, expect, it } from 'vitest';
import { environmentSchema } from './config/schema.ts';
import { EXIT_CODES, UsageError } from './errors.ts';
import { durationFlag, FLAG_SCHEMAS, numberFlag } from './flags.ts';

function refusal(parse: (text: string) => unknown, text: string): UsageError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('a numeric flag', () => {
  it('refuses --chaos 1.5 as the YAML refuses chaosRatio: 1.5, naming the flag and the text (exit code 2)', () => {
    const error = refusal(numberFlag('--chaos', FLAG_SCHEMAS.chaosRatio), '1.5');
    expect(error.message).toBe('--chaos: too big: expected number to be <=1 (got "1.5")');
    expect(error.exitCode).toBe(EXIT_CODES.usage);
    expect(environmentSchema.safeParse({ election: { chaosRatio: 1.5 } }).success).toBe(false);
  });

  it('refuses --turnout 65 saying a turnout is a share, and accepts 0.65', () => {
    const turnout = numberFlag('--turnout', FLAG_SCHEMAS.share);
    expect(refusal(turnout, '65').message).toBe('--turnout: expected a share from 0 to 1, such as 0.65 for 65% (got "65")');
    expect(refusal(turnout, '-0.1').message).toBe('--turnout: expected a share from 0 to 1, such as 0.65 for 65% (got "-0.1")');
    expect(turnout('0.65')).toBe(0.65);
  });

  it('refuses --rate -1 and accepts --rate 0 (as fast as possible)', () => {
    const rate = numberFlag('--rate', FLAG_SCHEMAS.voteRate);
    expect(refusal(rate, '-1').message).toMatch(/^--rate: too small: expected number to be >=0/);
    expect(rate('0')).toBe(0);
    expect(rate('2.5')).toBe(2.5);
  });

  it('reads --voters 1e3 as 1000, as YAML reads voters: 1e3, and refuses 1.5 voters', () => {
    const voters = numberFlag('--voters', FLAG_SCHEMAS.voters);
    expect(voters('1e3')).toBe(1000);
    expect(refusal(voters, '1.5').message).toMatch(/^--voters: invalid input: expected int/);
    expect(refusal(voters, '0').message).toMatch(/^--voters: too small/);
  });

  it('refuses what Number() would quietly turn into a number: blanks, hex, Infinity, words', () => {
    const count = numberFlag('--count', FLAG_SCHEMAS.count);
    for (const text of ['', ' ', '0x10', 'Infinity', 'ten', '1_000', '5min']) {
      expect(refusal(count, text).message).toBe(`--count: expected a number (got "${text}")`);
    }
    expect(count(' 7 ')).toBe(7);
  });

  it('refuses a port outside 1..65535, as ui.port in tally.yaml, but takes 0 (any free port)', () => {
    const port = numberFlag('--port', FLAG_SCHEMAS.port);
    expect(port('8080')).toBe(8080);
    expect(port('0')).toBe(0);
    for (const text of ['-1', '65536', '80.5']) expect(() => port(text)).toThrow(UsageError);
  });

  it('accepts a negative seed, as election.seed does', () => {
    expect(numberFlag('--seed', FLAG_SCHEMAS.seed)('-42')).toBe(-42);
  });
});

describe('a duration flag', () => {
  const parse = durationFlag('--duration', 1_000);
  it('reads --duration 5min and the other units of tally.yaml durations into milliseconds', () => {
    expect(parse('5min')).toBe(300_000);
    expect(parse('90s')).toBe(90_000);
    expect(parse('2h')).toBe(7_200_000);
    expect(parse('2500ms')).toBe(2_500);
  });

  it('refuses what checkpointInterval refuses (bare numbers, fractions, other units) and durations under the minimum', () => {
    for (const bad of ['soon', '-5s', '45', '1.5h', '10 parsecs', '']) {
      expect(refusal(parse, bad).message).toBe(`--duration: a duration such as 500ms, 5s, 1min (got "${bad}")`);
    }
    expect(refusal(parse, '500ms').message).toBe('--duration: expected a duration of at least 1000 ms (got "500ms")');
  });
});
