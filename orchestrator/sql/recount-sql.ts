import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SqlFileError } from '../../shared/errors.ts';
import { readStatements, type SqlStatement } from './project.ts';
import type { SqlVariables } from './variables.ts';

// Reads flink-sql/recount/rebind.sql, the recount's rebinding of the live job's source and tally
// sinks (see flink-sql/recount/README.md), and checks that it moves every tally the recount
// writes to a throw-away topic.

/** The recount's own `${...}` values: this run's id, and where the votes log ends now. */
export interface RecountRun {
  /** Digits only (milliseconds since 1970): names the run's topics, consumer group and job. */
  runId: string;
  /** Flink's `scan.bounded.specific-offsets`: `partition:0,offset:12;partition:1,offset:34`. */
  endOffsets: string;
}

export interface RecountRebinding {
  /** The statements of rebind.sql, rendered, in file order (ALTERs and SETs), each with its file and line. */
  statements: SqlStatement[];
  /** Per tally table (lower case): the throw-away topic the rebinding points it at. */
  recountTopics: Map<string, string>;
}

const ALTER_TOPIC = /^ALTER\s+TABLE\s+`?(\w+)`?\s+SET\s*\([\s\S]*'topic'\s*=\s*'([^']+)'/i;

/**
 * Loads `<sqlDir>/recount/rebind.sql` with `variables` plus `recount_run_id` and
 * `recount_end_offsets` from `run`.
 * @param sqlDir - the flink-sql folder
 * @param tallies - the tally tables the recount's INSERTs write (lower case)
 * @param liveTopics - the live topic of each of `tallies`, which no rebinding may point at
 * @returns the statements to run in the recount's session and each tally's throw-away topic
 * @throws SqlFileError (exit code 4) when the file is missing, does not render, or leaves a tally
 *   on its live topic (the recount would write into the live tally)
 */
export function loadRecountRebinding(sqlDir: string, variables: SqlVariables, run: RecountRun, tallies: readonly string[], liveTopics: ReadonlyMap<string, string>): RecountRebinding {
  const file = join(resolve(sqlDir), 'recount', 'rebind.sql');
  const shown = relative(resolve(sqlDir, '..'), file);
  if (!existsSync(file)) throw new SqlFileError(`${shown} does not exist: the recount needs it to rebind the tally sinks (see flink-sql/recount/README.md)`);
  const statements = readStatements(file, shown, {
    ...variables,
    recount_run_id: { value: () => run.runId, secret: false, pattern: /^\d+$/ },
    recount_end_offsets: { value: () => run.endOffsets, secret: false, pattern: /^partition:\d+,offset:\d+(;partition:\d+,offset:\d+)*$/ },
  }, true);
  const recountTopics = new Map<string, string>();
  for (const statement of statements) {
    const match = ALTER_TOPIC.exec(statement.sql);
    if (match) recountTopics.set(match[1]!.toLowerCase(), match[2]!);
  }
  for (const tally of tallies) {
    const topic = recountTopics.get(tally);
    if (!topic || topic === liveTopics.get(tally)) {
      throw new SqlFileError(`${shown}: ${tally} is not moved to a throw-away topic (ALTER TABLE ${tally} SET ('topic' = ...)); the recount would write into the live tally`);
    }
  }
  return { statements, recountTopics };
}
