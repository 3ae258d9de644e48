import { UsageError } from '../errors.ts';

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
