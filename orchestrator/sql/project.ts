import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { SqlFileError } from '../../shared/errors.ts';
import { contentHash, pipelineName } from './hash.ts';
import { referencedNames } from './references.ts';
import { renderSql } from './render.ts';
import { splitStatements, UnterminatedSqlError } from './split.ts';
import { sqlVariables, type SqlVariables } from './variables.ts';

// Reads flink-sql/: `tables/*.sql` and `views/*.sql` (shared CREATE TABLE/VIEW/FUNCTION definitions, one per file)
// and `jobs/*.sql` (one job per file: header comment, optional SET lines, then one INSERT INTO or
// one EXECUTE STATEMENT SET BEGIN ... END). Everything is rendered and checked before anything is
// sent to the gateway.

/** One statement as it will be sent, with where it came from. */
export interface SqlStatement {
  /** What is sent (secrets resolved unless the project was loaded for display only). */
  sql: string;
  /** The same with secrets masked. */
  display: string;
  /** Path relative to the project's parent folder, e.g. `flink-sql/jobs/tally.sql`. */
  file: string;
  /** File line of the statement's first token. */
  line: number;
}

export interface TableDefinition {
  name: string;
  kind: string;
  statement: SqlStatement;
  /** Other tables/views this definition reads from. */
  references: string[];
}

export interface JobSetting {
  key: string;
  value: string;
  statement: SqlStatement;
}

export interface JobDefinition {
  name: string;
  file: string;
  settings: JobSetting[];
  /** The INSERT INTO or EXECUTE STATEMENT SET. */
  statement: SqlStatement;
  /** Tables/views the job depends on, directly or through views, in creation order. */
  tables: TableDefinition[];
  /** The job file rendered (secrets masked) followed by the DDL it uses: what `plan` diffs. */
  renderedText: string;
  hash: string;
  pipelineName: string;
}

export interface SqlProject {
  dir: string;
  /** All table definitions in creation order (views after what they read). */
  tables: TableDefinition[];
  jobs: JobDefinition[];
}

export interface LoadProjectOptions {
  /** The flink-sql folder; defaults to `flink-sql/` next to the config file. */
  sqlDir?: string;
  /** Resolve secrets (needed to send SQL); `false` for plans, which never need them. */
  resolveSecrets?: boolean;
  /** Only these jobs (by name); unknown names are an error. */
  jobs?: string[];
  variables?: SqlVariables;
}

export function defaultSqlDir(config: LoadedConfig): string {
  return resolve(config.baseDir, 'flink-sql');
}

export function loadSqlProject(config: LoadedConfig, options: LoadProjectOptions = {}): SqlProject {
  const dir = resolve(options.sqlDir ?? defaultSqlDir(config));
  if (!existsSync(dir)) throw new SqlFileError(`no SQL folder at ${dir} (expected tables/ and jobs/ inside it)`);
  const vars = options.variables ?? sqlVariables(config);
  const resolveSecrets = options.resolveSecrets ?? true;
  const shown = (file: string): string => relative(resolve(dir, '..'), file);

  // views/ holds the shared rules (CREATE VIEW); dependency order below puts them after their tables.
  const tables = [...sqlFiles(join(dir, 'tables')), ...sqlFiles(join(dir, 'views'))].flatMap((file) => readTableFile(file, shown(file), vars, resolveSecrets));
  const known = new Map<string, TableDefinition>();
  for (const table of tables) {
    const other = known.get(table.name.toLowerCase());
    if (other) throw new SqlFileError(`${table.statement.file}:${table.statement.line}: ${table.name} is already defined in ${other.statement.file}:${other.statement.line}`);
    known.set(table.name.toLowerCase(), table);
  }
  for (const table of tables) {
    table.references = referencedNames(table.statement.sql, known.keys()).filter((n) => n !== table.name.toLowerCase());
  }
  const ordered = orderByDependencies(tables);

  const settingsLine = settingsFingerprint(config);
  let jobs = sqlFiles(join(dir, 'jobs')).map((file) => readJobFile(file, shown(file), vars, resolveSecrets, ordered, settingsLine));
  if (options.jobs && options.jobs.length > 0) {
    const byName = new Map(jobs.map((j) => [j.name, j]));
    const missing = options.jobs.filter((name) => !byName.has(name));
    if (missing.length > 0) {
      throw new SqlFileError(`no job file for ${missing.join(', ')} in ${join(dir, 'jobs')} (known: ${[...byName.keys()].join(', ') || 'none'})`);
    }
    jobs = options.jobs.map((name) => byName.get(name)!);
  }
  return { dir, tables: ordered, jobs };
}

function sqlFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.sql')).sort().map((f) => join(folder, f));
}

function readStatements(file: string, shownFile: string, vars: SqlVariables, resolveSecrets: boolean): SqlStatement[] {
  const text = readFileSync(file, 'utf8');
  const rendered = renderSql(text, vars, shownFile, { resolveSecrets });
  try {
    const sent = splitStatements(rendered.sql);
    const display = splitStatements(rendered.display);
    return sent.map((s, i) => ({ sql: s.sql, display: display[i]?.sql ?? s.sql, file: shownFile, line: s.line }));
  } catch (error) {
    if (error instanceof UnterminatedSqlError) throw new SqlFileError(`${shownFile}:${error.line}: ${error.message}`, { cause: error });
    throw error;
  }
}

const CREATE = /^CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMPORARY\s+)?(?:SYSTEM\s+)?(TABLE|VIEW|FUNCTION|CATALOG|DATABASE)\s+(?:IF\s+NOT\s+EXISTS\s+)?((?:`[^`]+`|[\w$]+)(?:\.(?:`[^`]+`|[\w$]+))*)/i;

function readTableFile(file: string, shownFile: string, vars: SqlVariables, resolveSecrets: boolean): TableDefinition[] {
  const statements = readStatements(file, shownFile, vars, resolveSecrets);
  if (statements.length === 0) throw new SqlFileError(`${shownFile}: no CREATE statement in this file`);
  return statements.map((statement) => {
    const match = CREATE.exec(statement.sql);
    if (!match) {
      throw new SqlFileError(`${shownFile}:${statement.line}: files under tables/ hold CREATE TABLE/VIEW/FUNCTION statements only; found "${firstWords(statement.sql)}"`);
    }
    const parts = match[2]!.split('.');
    const name = parts[parts.length - 1]!.replace(/`/g, '');
    return { name, kind: match[1]!.toUpperCase(), statement, references: [] };
  });
}

const SET = /^SET\s+'([^']+)'\s*=\s*'([^']*)'$/i;
const JOB_STATEMENT = /^(INSERT\s+(INTO|OVERWRITE)\b|EXECUTE\s+STATEMENT\s+SET\b)/i;
const JOB_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** Settings Tally manages itself; a job file setting them would silently fight the deployer. */
const MANAGED_SETTINGS = ['pipeline.name', 'execution.savepoint.path', 'execution.state-recovery.path'];

function readJobFile(
  file: string,
  shownFile: string,
  vars: SqlVariables,
  resolveSecrets: boolean,
  tables: TableDefinition[],
  settingsLine: string,
): JobDefinition {
  const name = basename(file, '.sql');
  if (!JOB_NAME.test(name)) throw new SqlFileError(`${shownFile}: job file names must be lower-case letters, digits, - and _ (the name becomes the job's name)`);
  const statements = readStatements(file, shownFile, vars, resolveSecrets);
  const settings: JobSetting[] = [];
  let main: SqlStatement | undefined;
  for (const statement of statements) {
    const set = SET.exec(statement.sql);
    if (set && !main) {
      const key = set[1]!;
      if (MANAGED_SETTINGS.includes(key)) throw new SqlFileError(`${shownFile}:${statement.line}: '${key}' is set by tally deploy; remove this SET`);
      settings.push({ key, value: set[2]!, statement });
    } else if (JOB_STATEMENT.test(statement.sql) && !main) {
      main = statement;
    } else {
      const why = main ? 'a job file ends with its one INSERT INTO or EXECUTE STATEMENT SET' : 'a job file holds optional SET \'key\' = \'value\' lines, then one INSERT INTO or EXECUTE STATEMENT SET BEGIN ... END';
      throw new SqlFileError(`${shownFile}:${statement.line}: unexpected "${firstWords(statement.sql)}": ${why}`);
    }
  }
  if (!main) throw new SqlFileError(`${shownFile}: no INSERT INTO or EXECUTE STATEMENT SET in this job file`);

  const used = tablesUsedBy(main.sql, tables);
  const jobText = [...settings.map((s) => s.statement), main].map((s) => `${s.display};`).join('\n');
  const renderedText = [
    `-- job ${name}`,
    jobText,
    ...used.map((t) => `\n-- ${t.kind.toLowerCase()} ${t.name}\n${t.statement.display};`),
  ].join('\n');
  const hash = contentHash([settingsLine, renderedText]);
  return { name, file: shownFile, settings, statement: main, tables: used, renderedText, hash, pipelineName: pipelineName(name, hash) };
}

/** The cluster settings that change how a job runs, so a change to them redeploys it. */
export function settingsFingerprint(config: LoadedConfig): string {
  const { parallelism, stateBackend, checkpointInterval } = config.env.flink;
  return `parallelism=${parallelism} state.backend=${stateBackend} checkpoint.interval=${checkpointInterval}`;
}

function tablesUsedBy(sql: string, tables: TableDefinition[]): TableDefinition[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const ref of byName.get(name)?.references ?? []) visit(ref);
  };
  for (const name of referencedNames(sql, byName.keys())) visit(name);
  return tables.filter((t) => wanted.has(t.name.toLowerCase()));
}

/** Creation order: a view comes after the tables and views it reads; otherwise file order. */
function orderByDependencies(tables: TableDefinition[]): TableDefinition[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const done = new Set<TableDefinition>();
  const visiting = new Set<TableDefinition>();
  const out: TableDefinition[] = [];
  const visit = (table: TableDefinition): void => {
    if (done.has(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const ref of table.references) {
      const dep = byName.get(ref);
      if (dep) visit(dep);
    }
    visiting.delete(table);
    done.add(table);
    out.push(table);
  };
  for (const table of tables) visit(table);
  return out;
}

function firstWords(sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim();
  return words.length > 40 ? `${words.slice(0, 40)}…` : words;
}
