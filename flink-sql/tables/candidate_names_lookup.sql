-- candidates_lookup again, under a name of its own, for the by-region tally's candidate names.
-- count_votes plans the parts its INSERTs share once, found by their digest (see the job file),
-- and a lookup table read by two INSERTs would become such a shared part, which a lookup join
-- cannot read ("Processing-time temporal join is not supported yet"). LIKE copies the columns,
-- key and connector options, so the two never drift apart.
CREATE TABLE candidate_names_lookup LIKE candidates_lookup;
