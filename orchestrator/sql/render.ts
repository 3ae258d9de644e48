import { SqlFileError } from '../../shared/errors.ts';
import { SECRET_MASK, unsafeValueReason, type SqlVariables } from './variables.ts';

// Fills `${name}` placeholders. Values never contain newlines, so line numbers survive rendering.
// Two texts come out: `sql` (with secrets, only ever sent to the gateway) and `display` (secrets
// masked) for plans, diffs, state files and hashes.

export interface RenderedSql {
  sql: string;
  display: string;
  /** Variable names the text used. */
  used: string[];
}

const PLACEHOLDER = /\$\{([^}\n]*)\}/g;

export interface RenderOptions {
  /** With `false`, secrets are not resolved (`sql` then holds the mask too): for plans and hashes. */
  resolveSecrets?: boolean;
}

export function renderSql(text: string, vars: SqlVariables, file: string, options: RenderOptions = {}): RenderedSql {
  const resolveSecrets = options.resolveSecrets ?? true;
  const used = new Set<string>();
  const replace = (masked: boolean) => (match: string, rawName: string, offset: number): string => {
    const name = rawName.trim();
    const variable = vars[name];
    const at = `${file}:${lineAt(text, offset)}`;
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new SqlFileError(`${at}: "${match}" is not a valid variable name (use lower_snake_case such as \${topic_votes})`);
    if (!variable) {
      throw new SqlFileError(`${at}: unknown variable \${${name}} (known: ${Object.keys(vars).sort().join(', ')})`);
    }
    used.add(name);
    if (variable.secret && (masked || !resolveSecrets)) return SECRET_MASK;
    const value = variable.value();
    const unsafe = unsafeValueReason(value);
    if (unsafe) throw new SqlFileError(`${at}: the value of \${${name}} ${unsafe}; fix it in the config or environment`);
    return value;
  };
  const display = text.replace(PLACEHOLDER, replace(true));
  const sql = text.replace(PLACEHOLDER, replace(false));
  return { sql, display, used: [...used].sort() };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
