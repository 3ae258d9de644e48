import { z } from 'zod';
import { ConfigError } from '../errors.ts';

// Environment overrides: TALLY_<SECTION>__<KEY>=value, for example
//   TALLY_KAFKA__BOOTSTRAP_SERVERS=broker:9092   TALLY_FLINK__PARALLELISM=4   TALLY_UI__PORT=8080
// Top-level keys take an empty section: TALLY__DATA_DIR=/var/lib/tally. Variables without `__`
// (TALLY_ENV, TALLY_PG_PASSWORD) are not config paths.
// Key parts match the YAML keys case-insensitively with underscores ignored (bootstrapServers).

const PREFIX = 'TALLY_';
const SEPARATOR = '__';

type Json = unknown;

/**
 * `base` with every TALLY_<SECTION>__<KEY>=value of `processEnv` applied: keys matched to the
 * schema's case-insensitively, underscores ignored; a value that reads as a number, true/false or
 * JSON ([...] or {...}) becomes one, any other stays a string. `base` is not changed.
 * @param base - one environment of tally.yaml, as parsed (unvalidated)
 * @param processEnv - the variables to read; those without `__` are ignored
 * @param schema - the environment's zod schema, which says which keys exist
 * @returns a copy of `base` with the overrides set (still to be validated)
 * @throws ConfigError naming the variable when its key is not in the schema
 */
export function applyEnvOverrides(base: Json, processEnv: NodeJS.ProcessEnv, schema: z.ZodType): Json {
  let result: Json = structuredClone(base ?? {});
  for (const [name, value] of Object.entries(processEnv)) {
    if (!name.startsWith(PREFIX) || !name.includes(SEPARATOR) || value === undefined) continue;
    const parts = name.slice(PREFIX.length).split(SEPARATOR).filter((part, index) => index > 0 || part !== '');
    const path = resolvePath(schema, parts, name);
    result = setPath(result, path, coerce(value));
  }
  return result;
}

function normalise(key: string): string {
  return key.replace(/_/g, '').toLowerCase();
}

/** Maps SECTION__KEY parts onto the schema's real keys, so a typo is an error, not a silent no-op. */
function resolvePath(schema: z.ZodType, parts: string[], varName: string): string[] {
  const path: string[] = [];
  let node: z.ZodType | undefined = schema;
  for (const part of parts) {
    const shape = objectShape(node);
    const key = shape && Object.keys(shape).find((k) => normalise(k) === normalise(part));
    if (!shape || !key) {
      throw new ConfigError(`environment variable ${varName}: no config key "${[...path, part].join('.')}"`);
    }
    path.push(key);
    node = shape[key];
  }
  return path;
}

function objectShape(node: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let current: unknown = node;
  // Unwrap default/prefault/optional wrappers down to the object schema.
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
    const def = (current as { def?: { innerType?: unknown } }).def;
    current = def?.innerType;
  }
  return undefined;
}

function coerce(value: string): Json {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  if (value.startsWith('[') || value.startsWith('{')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function setPath(target: Json, path: string[], value: Json): Json {
  const root = (target && typeof target === 'object' ? target : {}) as Record<string, Json>;
  let node = root;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    node[key] = next && typeof next === 'object' ? next : {};
    node = node[key] as Record<string, Json>;
  });
  return root;
}
