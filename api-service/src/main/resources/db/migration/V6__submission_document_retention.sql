-- A sent fax's document is deleted a retention period after its job ended (faxserver.documents.retention); the
-- job record stays, with the moment its document went.
ALTER TABLE api.submission ADD COLUMN document_purged_at timestamptz;
-- The sweep's way to the oldest kept documents. A plain CREATE INDEX (Flyway runs each migration in a transaction):
-- on a large table the upgrade holds up new submissions while it builds, about a second per million rows.
CREATE INDEX submission_document_kept_idx ON api.submission (created_at) WHERE document_purged_at IS NULL;
