package dev.tally.udf;

/**
 * CANDIDATE_PARTY(candidate_id, jdbc_url, username, password): the party_id of a registered
 * candidate, or NULL when the Postgres table candidates has no such candidate. Held in memory
 * (UuidRegister): a handful of rows, so each vote's check is one probe of a small table, not a
 * lookup join.
 */
public class CandidateParty extends UuidRegister {
  private static final long serialVersionUID = 1L;

  public CandidateParty() {
    super("CANDIDATE_PARTY", "candidates", "candidate_id", "party_id");
  }
}
