// Flink answers failures with a Java stack trace. Users need one line: the innermost exception
// that says something (not a "Failed to execute ..." wrapper), and where in the statement it is.

import { firstLine, type RootCause } from '../../shared/errors.ts';

export type { RootCause };

const WRAPPER_MESSAGES = [
  /^Failed to (execute|fetch ?Results|getSessionConfig|close|cancel)\b/i,
  /^Could not execute SQL statement\.?$/i,
  /^Internal server error\.?$/i,
  /^Exception on server side/i,
  /^Job execution failed\.?$/i,
  /^Recovery is suppressed by /i,
];

const EXCEPTION_LINE = /^(?:Caused by: )?((?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable))(?::\s?(.*))?$/;
const LOCATION = /(?:From )?line (\d+), column (\d+)(?: to line \d+, column \d+)?/i;

interface TraceEntry {
  exception: string;
  message: string;
}

/**
 * The one line a user needs from Flink's Java stack trace: the innermost exception with a message
 * that is not a wrapper ("Failed to execute ..."), without nested class names, and the line and
 * column inside the statement when Flink reported one ("From line 2, column 3").
 * @param trace - the text of Flink's `errors` array (a Java stack trace with "Caused by:" lines)
 * @returns never throws; with no exception line in `trace`, its first non-blank line
 */
export function digRootCause(trace: string): RootCause {
  const entries: TraceEntry[] = [];
  for (const raw of trace.replace(/^<|>$/g, '').split('\n')) {
    const match = EXCEPTION_LINE.exec(raw.trim());
    if (match) entries.push({ exception: match[1]!, message: stripNestedClassNames(match[2] ?? '') });
  }
  const meaningful = entries.filter((e) => e.message.length > 0 && !WRAPPER_MESSAGES.some((re) => re.test(e.message)));
  const chosen = meaningful[meaningful.length - 1] ?? entries[entries.length - 1];
  const located = [...entries].reverse().find((e) => LOCATION.test(e.message));
  const where = located ? LOCATION.exec(located.message) : null;
  const base = chosen ? chosen.message || simpleName(chosen.exception) : firstLine(trace);
  const message = cleanMessage(base) || simpleName(chosen?.exception ?? '') || 'unknown server error';
  return where ? { message, line: Number(where[1]), column: Number(where[2]) } : { message };
}

/** "java.lang.RuntimeException: org.apache.X: real message" -> "real message". */
function stripNestedClassNames(message: string): string {
  let out = message.trim();
  for (;;) {
    const match = /^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error):\s*(.*)$/.exec(out);
    if (!match) return out;
    out = match[1]!.trim();
  }
}

/** Drops the statement position (reported separately) and keeps the message short. */
function cleanMessage(message: string): string {
  return message
    .replace(/^SQL (parse|validation) failed\.\s*/i, '')
    .replace(/^From line \d+, column \d+ to line \d+, column \d+:\s*/i, '')
    .replace(/\s*at line \d+, column \d+\.?$/i, '')
    .trim();
}

function simpleName(exception: string): string {
  return exception.split('.').pop() ?? exception;
}
