// The results page's one public entry: what the CLI (orchestrator/) may import of ui/. Everything
// else under ui/ is the page's own; the lint rule in eslint.config.js keeps it so.

export { startUiServer, type ResultsPageSettings, type UiServer, type UiServerDeps } from './server.ts';
export { resultsPageSettings } from './settings.ts';
export type { OperationsProviders, PipelineHealth, QualityCheck, QualityReport } from './live/liveTypes.ts';
