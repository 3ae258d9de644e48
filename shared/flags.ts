import { z } from 'zod';
import { environmentSchema } from './config/schema.ts';
import { UsageError } from './errors.ts';

// Every numeric flag of `tally` is read here, and validated by a zod schema: for a flag that
// stands for a setting of tally.yaml (--rate = election.voteRate, --chaos = election.chaosRatio,
// --voters, --seed, --port, --duration), the very schema that validates the YAML, so a flag
// accepts exactly what the file does (`--voters 1e3` is 1000, as `voters: 1e3` in YAML).

const environment = environmentSchema.shape;
const election = environment.election.unwrap().shape;

/** What a share flag (`--turnout`) says when refused: 65 is a likely slip for 0.65. */
const SHARE_EXPECTED = 'expected a share from 0 to 1, such as 0.65 for 65%';

/** The schemas of every numeric flag, by what it stands for. */
export const FLAG_SCHEMAS = {
  /** election.voters: voters to register. */
  voters: election.voters,
  /** election.seed. */
  seed: election.seed,
  /** election.voteRate: votes per second, 0 = as fast as possible. */
  voteRate: election.voteRate,
  /** election.chaosRatio: share of injected bad events, 0..1. */
  chaosRatio: election.chaosRatio,
  /** ui.port, or 0: any free port (the page prints its address). */
  port: z.union([z.literal(0), environment.ui.unwrap().shape.port]),
  /** flink.checkpointInterval's syntax: an integer and a unit, 500ms, 90s, 10min, 2h. */
  duration: environment.flink.unwrap().shape.checkpointInterval,
  /** A share 0..1, such as the demo's turnout. */
  share: z.number().min(0, SHARE_EXPECTED).max(1, SHARE_EXPECTED),
  /** A count that may be 0 (`vote --count 0` casts nothing). */
  count: z.number().int().min(0),
  /** A size or limit of at least 1 (rows, lines, voters per chunk). */
  positiveInteger: z.number().int().min(1),
  /** A time in seconds that may be 0 (`check --wait 0` does not wait). */
  seconds: z.number().min(0),
  /** A time in seconds of more than 0 (a timeout). */
  positiveSeconds: z.number().positive(),
} as const;

/** A number as YAML 1.2 writes one: optional sign, digits, optional fraction and exponent. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

const DURATION_UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, min: 60_000, h: 3_600_000 };

/**
 * A commander option parser for a numeric flag: reads the text as a number and validates it with
 * `schema` (one of FLAG_SCHEMAS).
 * @param flag - the flag as the user typed it, e.g. `--chaos`, for the error message
 * @returns the parser: text -> the validated number
 * @throws UsageError (exit code 2) naming the flag, the rule and the text given, e.g.
 *   `--chaos: too big: expected number to be <=1 (got "1.5")`
 */
export function numberFlag(flag: string, schema: z.ZodType<number>): (text: string) => number {
  return (text) => {
    const trimmed = text.trim();
    if (!NUMBER.test(trimmed)) throw new UsageError(`${flag}: expected a number (got "${text}")`);
    return validated(flag, schema, Number(trimmed), text);
  };
}

/**
 * A commander option parser for a duration flag: the syntax of tally.yaml's durations
 * (FLAG_SCHEMAS.duration: 500ms, 90s, 10min, 2h), read into milliseconds.
 * @param minMs - the shortest duration accepted, in ms (default 1)
 * @returns the parser: text -> milliseconds
 * @throws UsageError (exit code 2) naming the flag when the text is no such duration or is shorter than `minMs`
 */
export function durationFlag(flag: string, minMs = 1): (text: string) => number {
  return (text) => {
    const trimmed = validated(flag, FLAG_SCHEMAS.duration, text.trim(), text);
    const [, amount, unit] = /^(\d+)\s*(\w+)$/.exec(trimmed)!;
    const ms = Number(amount) * DURATION_UNIT_MS[unit!]!;
    if (ms < minMs) throw new UsageError(`${flag}: expected a duration of at least ${minMs} ms (got "${text}")`);
    return ms;
  };
}

function validated<T>(flag: string, schema: z.ZodType<T>, value: unknown, text: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'invalid';
  throw new UsageError(`${flag}: ${message.charAt(0).toLowerCase()}${message.slice(1)} (got "${text}")`);
}
