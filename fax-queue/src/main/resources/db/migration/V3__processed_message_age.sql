-- Lets ProcessedMessagesPurge find old ids without reading the whole table.
CREATE INDEX processed_message_age_idx ON queue.processed_message (processed_at);
