-- notifier-service owns schema notify. Other services read only notify.delivery_view (a contract).
CREATE SCHEMA IF NOT EXISTS notify;

-- One row per delivery: a fax document for an email/webhook endpoint (purpose DOCUMENT, from
-- fax-queue's deliver.* commands) or a receipt (purpose RECEIPT). The id is also the event id
-- receivers de-duplicate on. Tries are scheduled here (next_attempt_at, claimed with
-- FOR UPDATE SKIP LOCKED); a claimed row's next_attempt_at is its lease.
CREATE TABLE notify.delivery (
    id               uuid        PRIMARY KEY,
    purpose          text        NOT NULL CHECK (purpose IN ('DOCUMENT', 'RECEIPT')),
    channel          text        NOT NULL,
    tenant_id        text        NOT NULL,
    job_id           uuid        NOT NULL,
    attempt_id       uuid,
    endpoint_id      text,
    receipt_kind     text,
    event            text        NOT NULL,
    target           text        NOT NULL,
    task             text        NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    tries            integer     NOT NULL DEFAULT 0,
    total_tries      integer     NOT NULL DEFAULT 0,
    redeliveries     integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    claim_token      uuid,
    last_http_status integer,
    last_error       text,
    last_retryable   boolean,
    reported_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);
CREATE INDEX delivery_due_idx ON notify.delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_dead_idx ON notify.delivery (tenant_id, finished_at) WHERE status = 'DEAD';
CREATE INDEX delivery_job_idx ON notify.delivery (job_id);

-- Every try, for the admin view and the transmission history.
CREATE TABLE notify.delivery_try (
    id           bigserial   PRIMARY KEY,
    delivery_id  uuid        NOT NULL REFERENCES notify.delivery (id) ON DELETE CASCADE,
    number       integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz NOT NULL,
    success      boolean     NOT NULL,
    retryable    boolean     NOT NULL,
    http_status  integer,
    detail       text
);
CREATE INDEX delivery_try_delivery_idx ON notify.delivery_try (delivery_id, number);

-- The document of each routed job (from job.routed): job.completed does not carry it, and
-- email_full receipts attach the fax. Kept for faxserver.notifier.job-document-retention.
CREATE TABLE notify.job_document (
    job_id      uuid        PRIMARY KEY,
    doc_key     text        NOT NULL,
    media_type  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_document_created_idx ON notify.job_document (created_at);

-- Contract for api-service's admin routes (docs/notifier-service.md): no task JSON, no secrets.
CREATE VIEW notify.delivery_view AS
SELECT id AS delivery_id,
       purpose,
       channel,
       tenant_id,
       job_id,
       attempt_id,
       endpoint_id,
       receipt_kind,
       event,
       target,
       status,
       tries,
       total_tries,
       redeliveries,
       CASE WHEN status = 'PENDING' THEN next_attempt_at END AS next_attempt_at,
       last_http_status,
       last_error,
       created_at,
       updated_at,
       finished_at
FROM notify.delivery;

CREATE TABLE notify.outbox (
    id               bigserial PRIMARY KEY,
    message_id       uuid        NOT NULL UNIQUE,
    exchange         text        NOT NULL,
    routing_key      text        NOT NULL,
    message_type     text        NOT NULL,
    payload          text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    sent_at          timestamptz
);
CREATE INDEX outbox_pending_idx ON notify.outbox (next_attempt_at, id) WHERE sent_at IS NULL;

CREATE TABLE notify.processed_message (
    message_id   uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
