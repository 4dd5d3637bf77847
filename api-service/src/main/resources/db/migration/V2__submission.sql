-- Fax jobs submitted through the API (decision 0004). fax-queue owns the job from job.submitted on;
-- this row is what the API shows until fax-queue's job_view has the job, and the idempotency record.
CREATE TABLE api.submission (
    job_id               uuid        PRIMARY KEY,
    -- No foreign key to directory.tenant: the record of a sent fax outlives a deleted tenant.
    tenant_id            bigint      NOT NULL,
    user_id              bigint,
    from_number          text        NOT NULL CHECK (from_number ~ '^\+[1-9][0-9]{1,14}$'),
    to_number            text        NOT NULL CHECK (to_number ~ '^\+[1-9][0-9]{1,14}$'),
    -- Per-job choices: {"header": ..., "ident": ...}; absent keys mean the number's default.
    options              jsonb       NOT NULL DEFAULT '{}',
    labels               jsonb       NOT NULL DEFAULT '{}',
    idempotency_key      text        CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    -- SHA-256 (hex) of the normalised request (fields and file contents): same key, other body is refused.
    request_hash         text        NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    tiff_key             text        NOT NULL,
    pdf_key              text        NOT NULL,
    pages                integer     NOT NULL CHECK (pages > 0),
    cancel_requested_at  timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    -- Keys are scoped per tenant; the constraint is the real guard against two concurrent requests.
    CONSTRAINT submission_idempotency_key UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX submission_tenant_created_idx ON api.submission (tenant_id, created_at DESC, job_id);
CREATE INDEX submission_labels_idx ON api.submission USING gin (labels jsonb_path_ops);
