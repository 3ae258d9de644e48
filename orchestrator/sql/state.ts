import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { SqlFileError } from '../../shared/errors.ts';

// What Tally last deployed for each job, in <dataDir>/deployments/<job>.json: the rendered SQL
// (secrets masked) for `plan` diffs, and the savepoints taken on the way, for `savepoints` and for
// resuming a job stopped with `tally stop --savepoint`.

export interface SavepointRecord {
  path: string;
  takenAt: string;
  /** The job (cluster id) the savepoint was taken from, and the SQL hash it ran. */
  jobId: string;
  hash: string;
  reason: 'upgrade' | 'stop';
}

export interface DeploymentState {
  job: string;
  hash: string;
  pipelineName: string;
  jobId: string;
  deployedAt: string;
  renderedText: string;
  restoredFrom?: string;
  /** Set when the job was stopped on purpose; a savepoint here is where the next deploy resumes. */
  stopped?: { at: string; savepoint?: string };
  savepoints: SavepointRecord[];
}

export function deploymentsDir(config: LoadedConfig): string {
  return join(config.dataDir, 'deployments');
}

export function readDeploymentState(config: LoadedConfig, job: string): DeploymentState | undefined {
  const file = join(deploymentsDir(config), `${job}.json`);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DeploymentState;
  } catch (error) {
    throw new SqlFileError(`${file} is not valid JSON; delete it and run \`tally deploy ${job}\` again`, { cause: error });
  }
}

export function writeDeploymentState(config: LoadedConfig, state: DeploymentState): void {
  const dir = deploymentsDir(config);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${state.job}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function listDeploymentStates(config: LoadedConfig): DeploymentState[] {
  const dir = deploymentsDir(config);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const state = readDeploymentState(config, f.slice(0, -'.json'.length));
      return state ? [state] : [];
    });
}
