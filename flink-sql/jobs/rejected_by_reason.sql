-- rejected_by_reason: rejected events per reason.
--
-- Why exact: votes_rejected holds one row per raw event (keyed by partition + offset), read as a
-- changelog; absolute counts keyed by reason out.
INSERT INTO rejected_by_reason
SELECT reason, COUNT(*) AS events
FROM votes_rejected
GROUP BY reason;
