package dev.tally.udf;

/**
 * VOTER_REGION(voter_id, jdbc_url, username, password): the region_id of a registered voter, or
 * NULL when the register (the Postgres table voters) has no such voter. The register is held in
 * memory (UuidRegister): each voter votes once, so a lookup cache would never hit.
 */
public class VoterRegion extends UuidRegister {
  private static final long serialVersionUID = 1L;

  public VoterRegion() {
    super("VOTER_REGION", "voters", "voter_id", "region_id");
  }
}
