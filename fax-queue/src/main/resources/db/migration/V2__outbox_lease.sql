-- The relay leases rows instead of holding row locks in a transaction while the broker confirms (decision 0012).
ALTER TABLE queue.outbox ADD COLUMN claimed_until timestamptz;
