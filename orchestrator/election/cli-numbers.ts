import { UsageError } from '../../shared/errors.ts';

/** Parses a command-line integer option, with a one-line error naming the option. */
export function parseIntegerOption(option: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} must be an integer >= ${min} (got "${value}")`);
    return n;
  };
}

/** Parses a command-line number option within [min, max]. */
export function parseNumberOption(option: string, min: number, max = Number.POSITIVE_INFINITY): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${option} must be a number from ${min}${Number.isFinite(max) ? ` to ${max}` : ' up'} (got "${value}")`);
    return n;
  };
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, sec: 1_000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * Parses a command-line duration such as "90s", "10min", "1.5h" or "500ms" (a bare number is
 * seconds) into milliseconds, at least `minMs`.
 * @throws UsageError naming the option when the value is not such a duration
 */
export function parseDurationOption(option: string, minMs = 1): (value: string) => number {
  return (value) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?\s*$/.exec(value);
    const ms = match ? Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 's']! : Number.NaN;
    if (!Number.isFinite(ms) || ms < minMs) throw new UsageError(`${option} must be a duration of at least ${minMs} ms such as 90s, 10min or 1h (got "${value}")`);
    return Math.round(ms);
  };
}
