-- Finished deliveries (and their tries, by cascade) are deleted faxserver.notifier.delivery-retention after
-- they finished; this index lets the hourly purge find them without reading the whole history.
-- A plain CREATE INDEX (Flyway runs each migration in a transaction): it blocks writes to notify.delivery while
-- it builds, seconds for a few million rows; deliveries wait for it meanwhile, none is lost.
CREATE INDEX delivery_finished_idx ON notify.delivery (finished_at) WHERE status <> 'PENDING';
