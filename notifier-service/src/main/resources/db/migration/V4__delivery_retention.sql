-- Finished deliveries (and their tries, by cascade) are deleted faxserver.notifier.delivery-retention after
-- they finished; this index lets the hourly purge find them without reading the whole history.
-- (A plain CREATE INDEX: Flyway runs it in the migration's transaction, and the table is small when this
-- version is first installed.)
CREATE INDEX delivery_finished_idx ON notify.delivery (finished_at) WHERE status <> 'PENDING';
