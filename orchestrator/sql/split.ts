// Splits a SQL file into statements the way Flink's SQL client would: semicolons end statements,
// except inside '...' strings ('' escapes a quote), "..." and `...` identifiers, -- and /* */
// comments, and the BEGIN ... END block of `EXECUTE STATEMENT SET` / `EXPLAIN STATEMENT SET`.
// Each statement keeps the file line it starts on, so server errors can point back to the file.

import { UnterminatedSqlError } from '../../shared/errors.ts';

export interface SplitStatement {
  /** The statement text from its first token up to (not including) the terminating `;`. */
  sql: string;
  /** 1-based file line of the statement's first token. */
  line: number;
}

const STATEMENT_SET_HEAD = /^(?:EXECUTE\s+|EXPLAIN\s+(?:[A-Z_]+\s*(?:,\s*[A-Z_]+\s*)*)?)?STATEMENT\s+SET$/i;

/**
 * Splits SQL text into statements as Flink's SQL client does (see the comment at the top).
 * @returns each statement without its `;`, with the 1-based line of its first token; comments
 *   and blank text between statements are dropped
 * @throws UnterminatedSqlError (exit code 4) for a quote, identifier, comment or STATEMENT SET block that never ends
 */
export function splitStatements(text: string): SplitStatement[] {
  const statements: SplitStatement[] = [];
  let line = 1;
  let start = -1; // index of the current statement's first token, -1 while between statements
  let startLine = 1;
  let words: string[] = []; // the statement's words outside strings/comments, for BEGIN/END
  let inBlock = false;
  let i = 0;

  const markStart = (): void => {
    if (start < 0) {
      start = i;
      startLine = line;
    }
  };
  const finish = (end: number): void => {
    if (start >= 0) {
      const sql = text.slice(start, end).trimEnd();
      if (sql.length > 0) statements.push({ sql, line: startLine });
    }
    start = -1;
    words = [];
    inBlock = false;
  };
  const skipQuoted = (quote: string, what: string): void => {
    const openLine = line;
    i++;
    for (;;) {
      if (i >= text.length) throw new UnterminatedSqlError(what, openLine);
      const c = text[i]!;
      if (c === '\n') line++;
      if (c === quote) {
        if (text[i + 1] === quote) {
          i += 2;
          continue;
        }
        i++;
        return;
      }
      i++;
    }
  };

  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const openLine = line;
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new UnterminatedSqlError('/* comment', openLine);
      for (let k = i; k < close; k++) if (text[k] === '\n') line++;
      i = close + 2;
    } else if (c === "'") {
      markStart();
      skipQuoted("'", 'string literal');
    } else if (c === '"' || c === '`') {
      markStart();
      skipQuoted(c, 'quoted identifier');
    } else if (c === ';') {
      if (inBlock) {
        i++;
      } else {
        finish(i);
        i++;
      }
    } else if (/[A-Za-z_]/.test(c)) {
      markStart();
      let j = i;
      while (j < text.length && /[A-Za-z0-9_$]/.test(text[j]!)) j++;
      const word = text.slice(i, j).toUpperCase();
      if (word === 'BEGIN' && !inBlock && STATEMENT_SET_HEAD.test(words.join(' '))) inBlock = true;
      else if (word === 'END' && inBlock) inBlock = false;
      words.push(word);
      i = j;
    } else {
      markStart();
      if (!inBlock) words.push(c);
      i++;
    }
  }
  if (inBlock) throw new UnterminatedSqlError('STATEMENT SET BEGIN ... END block', startLine);
  finish(text.length);
  return statements;
}
