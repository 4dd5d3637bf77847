-- The request's SHA-256 is only ever compared with a request that repeats its Idempotency-Key; a request without a
-- key is no longer hashed (its files' digests were ~3 % of the JVM's CPU per upload, docs/BENCHMARKS.md session 16).
ALTER TABLE api.submission ALTER COLUMN request_hash DROP NOT NULL;
ALTER TABLE api.submission ADD CONSTRAINT submission_hash_with_key
    CHECK (idempotency_key IS NULL OR request_hash IS NOT NULL);
