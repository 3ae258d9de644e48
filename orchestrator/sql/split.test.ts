import { describe, expect, it } from 'vitest';
import { splitStatements } from './split.ts';

describe('splitting SQL files into statements', () => {
  it('semicolons inside strings, quoted identifiers and comments do not split', () => {
    const text = [
      "-- header; not a statement",
      "CREATE TABLE t (`a;b` INT) WITH ('k' = 'it''s; fine'); /* x; y */",
      'SELECT "c;d" FROM t -- trailing; comment',
      ';',
    ].join('\n');
    expect(splitStatements(text)).toEqual([
      { sql: "CREATE TABLE t (`a;b` INT) WITH ('k' = 'it''s; fine')", line: 2 },
      { sql: 'SELECT "c;d" FROM t -- trailing; comment', line: 3 },
    ]);
  });

  it('an EXECUTE STATEMENT SET block stays one statement and keeps its start line', () => {
    const text = "SET 'a' = 'b';\n\n/* job */\nEXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO x SELECT 1;\n  INSERT INTO y SELECT 2;\nEND;\n";
    const statements = splitStatements(text);
    expect(statements.map((s) => s.line)).toEqual([1, 4]);
    expect(statements[1]!.sql).toBe('EXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO x SELECT 1;\n  INSERT INTO y SELECT 2;\nEND');
  });

  it('BEGIN in an ordinary statement does not start a block', () => {
    expect(splitStatements("SELECT 'begin' AS begin_col FROM t; SELECT 2").map((s) => s.sql)).toEqual(["SELECT 'begin' AS begin_col FROM t", 'SELECT 2']);
  });

  it('an unterminated string is reported with the line it starts on', () => {
    expect(() => splitStatements("SELECT 1;\nSELECT 'oops\nFROM t;")).toThrow(/unterminated string literal starting at line 2/);
  });
});
