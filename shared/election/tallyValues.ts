import { z } from 'zod';

// The values of a tally row as the page accepts them. Anyone who can write to a tally topic decides
// what arrives, so each value is checked or made harmless here, once, and nothing the views compute
// from a row can throw: counts are safe integers, times fit a JavaScript Date, text holds no control
// characters (a bare CR would split an SSE field) and is bounded (a 1 MB name would be pushed to
// every browser on every update).

/** Largest epoch ms a JavaScript Date can hold; `new Date(x).toISOString()` throws beyond it. */
export const MAX_DATE_MS = 8.64e15;

/** Longest text shown for a name or label, in UTF-16 code units; longer text is cut with "…". */
export const MAX_TEXT_CHARS = 200;
/** Longest photo URL kept; a longer one is replaced by the generated avatar. */
export const MAX_URL_CHARS = 2048;

// C0 and C1 control characters, DEL, and UTF-16 halves without their partner.
const CONTROL_CHARACTERS = /\p{Cc}/gu;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `value` as text that is safe to show and to stream: control characters and broken UTF-16 become
 * U+FFFD, and text longer than `maxChars` code units is cut to `maxChars` (its last one "…").
 * Never throws.
 */
export function cleanText(value: string, maxChars: number = MAX_TEXT_CHARS): string {
  const cut = value.length > maxChars ? `${value.slice(0, maxChars - 1)}…` : value;
  return cut.replace(LONE_SURROGATES, '\uFFFD').replace(CONTROL_CHARACTERS, '\uFFFD');
}

/** True when `ms` is a finite epoch millisecond a Date can represent (not before 1970). */
export function isDateRepresentable(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DATE_MS;
}

/** Any string, shown as cleanText. */
export const text = z.string().transform((s) => cleanText(s));

/** A URL kept whole or not at all (a cut URL points somewhere else); '' lets the view fall back. */
export const url = z.string().transform((s) => (s.length > MAX_URL_CHARS ? '' : cleanText(s, MAX_URL_CHARS)));

/** A count of votes or events: a non-negative safe integer; anything else makes the row malformed. */
export const count = z.number().int().nonnegative();

/** A ratio the page recomputes anyway: any non-negative finite number. */
export const ratio = z.number().nonnegative();

/**
 * The newest cast_at of a row. Only the headline's vote-to-screen delay uses it, so a time a Date
 * cannot hold, a missing one or one of the wrong type, becomes 0 ("unknown") instead of costing the row its votes.
 */
export const castAt = z.unknown().optional().transform((ms) => (typeof ms === 'number' && isDateRepresentable(ms) ? ms : 0));

/** A minute of the timeline: part of the row's key, so one a Date cannot hold makes the row malformed. */
export const minuteStart = z.number().refine(isDateRepresentable, 'minute_start is not a time a Date can hold');
