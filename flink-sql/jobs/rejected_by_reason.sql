-- rejected_by_reason: rejected events per reason.
--
-- Why exact: votes_rejected holds one row per raw event (keyed by partition + offset), read as a
-- changelog; absolute counts keyed by reason out.

-- Mini-batch aggregation: counts change once per 200 ms batch instead of once per vote,
-- so the tally jobs do less work per vote and write one update per key per batch (same counts).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '200ms';
SET 'table.exec.mini-batch.size' = '5000';
INSERT INTO rejected_by_reason
SELECT reason, COUNT(*) AS events
FROM votes_rejected
GROUP BY reason;
