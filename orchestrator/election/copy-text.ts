// Postgres COPY text format: one line per row, columns separated by tabs, \N for NULL and
// backslash escapes for backslash, tab, newline and carriage return. Any string survives this.

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;

/** One field in COPY text format: `\N` for null, the text with its special characters escaped. */
export function copyTextField(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  // Almost no field needs escaping; testing first saves a replace (and its copy) per field.
  if (!SPECIAL.test(text)) return text;
  return text.replace(SPECIAL_ALL, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One row in COPY text format: the fields tab-separated, ending with a newline. */
export function copyTextRow(values: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyTextField(values[i] ?? null);
  return `${line}\n`;
}
