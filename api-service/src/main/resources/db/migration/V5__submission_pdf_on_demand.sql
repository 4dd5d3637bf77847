-- The PDF "as sent" is rendered from the TIFF-F when a client asks for it (GET /fax/jobs/{id}/document) instead of
-- at intake: most are never fetched, and writing one (render, file, fsync) was part of every POST /fax/send.
-- Submissions stored before keep their PDF and its key.
ALTER TABLE api.submission ALTER COLUMN pdf_key DROP NOT NULL;
