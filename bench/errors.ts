import { TallyError } from '../shared/errors.ts';

/** A benchmark could not run or could not read its own measurement. */
export class BenchError extends TallyError {}
