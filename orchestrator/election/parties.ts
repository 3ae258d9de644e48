import type { EnvironmentConfig } from '../../shared/config/schema.ts';
import type { Party } from '../../shared/election/model.ts';

/** The parties of the election, as configured in `election.parties`. */
export function partiesFromConfig(parties: EnvironmentConfig['election']['parties']): Party[] {
  return parties.map((p) => ({ party_id: p.id, name: p.name, color: p.color }));
}
