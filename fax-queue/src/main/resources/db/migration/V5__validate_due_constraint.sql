-- V4's constraint, checked for the rows that were there before it (SHARE UPDATE EXCLUSIVE: writes go on).
ALTER TABLE queue.job VALIDATE CONSTRAINT job_due_only_when_idle;
