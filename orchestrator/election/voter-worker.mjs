// The entry of the voter generator thread: worker threads do not inherit tsx's loader from the
// main thread, so the thread registers it (as bin/tally.js does) before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./voter-worker.ts');
