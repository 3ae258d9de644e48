import type { LoadedConfig } from '../shared/config/load.ts';
import { kafkaSettings, pageSettings, postgresSettings } from '../shared/config/settings.ts';
import type { ResultsPageSettings } from './server.ts';

/**
 * The page's settings of a loaded config: its `ui` section, the Kafka topics and the Postgres
 * connection, and nothing else of tally.yaml.
 * @param config - from loadConfig (shared/config/load.ts)
 * @throws ConfigError when the Postgres password cannot be found (see postgresPassword)
 */
export function resultsPageSettings(config: LoadedConfig): ResultsPageSettings {
  return { page: pageSettings(config), kafka: kafkaSettings(config), postgres: postgresSettings(config) };
}
