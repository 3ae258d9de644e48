import { describe, expect, it } from 'vitest';
import { copyTextRow } from './copy-text.ts';

describe('copyTextRow', () => {
  it('escapes backslashes, tabs and line breaks so any name survives COPY', () => {
    expect(copyTextRow(['a\\b', 'tab\there', 'two\nlines\r', "O'Brien; DROP TABLE", 3, null])).toBe(
      "a\\\\b\ttab\\there\ttwo\\nlines\\r\tO'Brien; DROP TABLE\t3\t\\N\n",
    );
  });
});
