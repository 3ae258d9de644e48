// Which known table names a statement mentions, outside strings and comments. Good enough to know
// which tables/ DDL a job depends on (for its hash) and in which order views must be created.

/** Every identifier of `sql` outside strings and comments, lower case (backquoted ones without their quotes). */
export function identifiersIn(sql: string): Set<string> {
  const code = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
  const found = new Set<string>();
  for (const match of code.matchAll(/`([^`]+)`|[A-Za-z_][A-Za-z0-9_]*/g)) {
    found.add((match[1] ?? match[0]).toLowerCase());
  }
  return found;
}

/** Which of the `known` table names `sql` mentions (case-insensitive), in the order of `known`. */
export function referencedNames(sql: string, known: Iterable<string>): string[] {
  const ids = identifiersIn(sql);
  return [...known].filter((name) => ids.has(name.toLowerCase()));
}
