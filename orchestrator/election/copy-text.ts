// Postgres COPY text format: one line per row, columns separated by tabs, \N for NULL and
// backslash escapes for backslash, tab, newline and carriage return. Any string survives this.

export function copyTextField(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyTextRow(values: readonly (string | number | null)[]): string {
  return `${values.map(copyTextField).join('\t')}\n`;
}
