-- A job is due by next_attempt_at alone: it is NULL while an attempt is live (the Job record enforces it, and
-- now this constraint). The due-job queries then filter on next_attempt_at only, so the planner walks
-- job_due_idx in order and stops at the LIMIT even before the table has statistics; the extra
-- "live_attempt_id IS NULL" filter made it guess "a dozen rows", read every due index entry (dead ones too,
-- which a bitmap scan never marks) and sort them: 3.8 ms per count and 30 ms per claim (mean, pg_stat_statements) after
-- 10,000 jobs on a PostgreSQL without autovacuum (docs/BENCHMARKS.md, session 6).
-- No row should break the rule; one that did was not due anyway (it had a live attempt), so clearing its
-- next_attempt_at changes nothing: the attempt's end sets it again.
UPDATE queue.job SET next_attempt_at = NULL WHERE live_attempt_id IS NOT NULL AND next_attempt_at IS NOT NULL;
-- NOT VALID here and VALIDATE in V5 (its own transaction): adding needs no scan (it only waits for the table's lock,
-- like any ALTER TABLE, behind the short scheduler transactions), and the validating scan of a large table then takes
-- a lock that lets the running replicas go on writing.
ALTER TABLE queue.job ADD CONSTRAINT job_due_only_when_idle
    CHECK (live_attempt_id IS NULL OR next_attempt_at IS NULL) NOT VALID;
