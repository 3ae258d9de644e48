import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ServerSideError } from '../../shared/errors.ts';
import { attributeError } from './attribute-error.ts';
import { digRootCause } from './root-cause.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('digging the root cause out of a gateway stack trace', () => {
  it('an unknown column gives the validator message and the statement position', () => {
    expect(digRootCause(fixture('unknown-column.txt'))).toEqual({ message: "Column 'nosuch' not found in any table", line: 2, column: 3 });
  });

  it('a parse error gives its first line without the expected-token list', () => {
    const cause = digRootCause(fixture('parse-error.txt'));
    expect(cause).toEqual({ message: "Incorrect syntax near the keyword 'WHERE'", line: 2, column: 12 });
  });

  it('a vanished session names the session', () => {
    expect(digRootCause(fixture('session-missing.txt')).message).toMatch(/^Session '[0-9a-f-]+' does not exist\.$/);
  });

  it('a statement line is mapped onto the file line it came from', () => {
    const trace = fixture('unknown-column.txt');
    const error = new ServerSideError('x', digRootCause(trace), trace, 500);
    const mapped = attributeError(error, { file: 'flink-sql/jobs/tally.sql', line: 10 }) as Error;
    expect(mapped.message).toBe("flink-sql/jobs/tally.sql:11:3: Column 'nosuch' not found in any table");
  });
});
