import type { Command } from 'commander';
import { register as check } from './check.ts';
import { register as demo } from './demo.ts';
import { register as deploy } from './deploy.ts';
import { register as jobs } from './jobs.ts';
import { register as plan } from './plan.ts';
import { register as recount } from './recount.ts';
import { register as register } from './register.ts';
import { register as reset } from './reset.ts';
import { register as savepoints } from './savepoints.ts';
import { register as sql } from './sql.ts';
import { register as stack } from './stack.ts';
import { register as stop } from './stop.ts';
import { register as ui } from './ui.ts';
import { register as validate } from './validate.ts';
import { register as vote } from './vote.ts';

// Every `tally` command, by name (as changesets' run.ts lists its commands): a new command is a
// file in this folder exporting `register(program)` plus one line here. Help lists them in this order.

/** The commands of `tally`, each adding itself (its flags and action) to the program. */
export const COMMANDS: Readonly<Record<string, (program: Command) => void>> = {
  check,
  demo,
  deploy,
  jobs,
  plan,
  recount,
  register,
  reset,
  savepoints,
  sql,
  stack,
  stop,
  ui,
  validate,
  vote,
};

/** Adds every command of COMMANDS to `program`, in the order listed. */
export function registerCommands(program: Command): void {
  for (const add of Object.values(COMMANDS)) add(program);
}
