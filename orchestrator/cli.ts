import { runTally } from './program.ts';

// `tally <command>` (bin/tally.js): one small file per command under commands/, listed in
// commands/index.ts; the program (program.ts) turns failures into one line and an exit code.

process.exitCode = await runTally(process.argv.slice(2));
