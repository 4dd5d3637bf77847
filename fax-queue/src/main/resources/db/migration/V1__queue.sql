-- fax-queue owns schema "queue" (decision 0004). Times are timestamptz; JSON is jsonb.

CREATE TABLE queue.job (
    job_id              uuid        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    origin              text        NOT NULL,
    submitted_by        text,
    from_number         text,
    to_number           text        NOT NULL,
    document_key        text        NOT NULL,
    document_media_type text        NOT NULL,
    pages               integer     NOT NULL,
    options             jsonb       NOT NULL,
    plan                jsonb       NOT NULL,
    status              text        NOT NULL,
    endpoint_index      integer     NOT NULL DEFAULT 0,
    tries_on_endpoint   integer     NOT NULL DEFAULT 0,
    attempt_count       integer     NOT NULL DEFAULT 0,
    prior_negotiations  integer     NOT NULL DEFAULT 0,
    -- The schedule: due jobs are claimed with FOR UPDATE SKIP LOCKED, so replicas share the work.
    next_attempt_at     timestamptz,
    live_attempt_id     uuid,
    pages_sent          integer     NOT NULL DEFAULT 0,
    failure_type        text,
    failure_code        text,
    failure_message     text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    completed_at        timestamptz
);
CREATE INDEX job_due_idx ON queue.job (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX job_tenant_idx ON queue.job (tenant_id, created_at);

CREATE TABLE queue.attempt (
    attempt_id          uuid        PRIMARY KEY,
    job_id              uuid        NOT NULL REFERENCES queue.job (job_id),
    number              integer     NOT NULL,
    endpoint_id         text        NOT NULL,
    endpoint_kind       text        NOT NULL,
    target              text        NOT NULL,
    fax_settings        jsonb,
    overrides           jsonb,
    started_at          timestamptz NOT NULL,
    deadline            timestamptz NOT NULL,
    kill_requested_at   timestamptz,
    ended_at            timestamptz,
    end_kind            text,
    success             boolean,
    error_code          text,
    detail              text,
    hangup_cause        text,
    t30_code            integer,
    t30_text            text,
    remote_csid         text,
    bit_rate            integer,
    ecm                 boolean,
    t38_status          text,
    bad_rows            integer,
    negotiations        integer,
    pages_sent          integer     NOT NULL DEFAULT 0,
    pages_total         integer,
    pages               jsonb,
    result              jsonb,
    UNIQUE (job_id, number)
);
-- A job never has two live attempts, whatever any replica does.
CREATE UNIQUE INDEX attempt_one_live_per_job ON queue.attempt (job_id) WHERE ended_at IS NULL;
-- Per-gateway concurrency is the count of live calls through it.
CREATE INDEX attempt_live_target_idx ON queue.attempt (target) WHERE ended_at IS NULL;
CREATE INDEX attempt_live_deadline_idx ON queue.attempt (deadline) WHERE ended_at IS NULL;

-- Softmodem fallback list, mirrored by every esl-gateway into mod_db fallback/<number>/<since_unix>.
CREATE TABLE queue.fallback (
    number      text        PRIMARY KEY,
    since_unix  bigint      NOT NULL,
    source      text        NOT NULL
);

-- Per-destination dial-string overrides (mod_db realm override-<destination>).
CREATE TABLE queue.dial_override (
    destination text        NOT NULL,
    variable    text        NOT NULL,
    value       text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (destination, variable)
);

-- Transactional outbox (service-support Outbox/OutboxRelay).
CREATE TABLE queue.outbox (
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
CREATE INDEX outbox_pending_idx ON queue.outbox (next_attempt_at, id) WHERE sent_at IS NULL;

-- Consumer idempotency (service-support ProcessedMessages).
CREATE TABLE queue.processed_message (
    message_id   uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Read-only contract for api-service (decision 0004): job status and attempts.
CREATE VIEW queue.job_view AS
SELECT job_id,
       tenant_id,
       origin,
       from_number,
       to_number,
       status,
       pages_sent,
       pages           AS pages_total,
       attempt_count,
       next_attempt_at,
       failure_type    AS error_type,
       failure_code    AS error_code,
       failure_message AS error_message,
       created_at,
       updated_at,
       completed_at
FROM queue.job;

CREATE VIEW queue.attempt_view AS
SELECT attempt_id,
       job_id,
       number,
       endpoint_id,
       endpoint_kind,
       target          AS gateway,
       started_at,
       ended_at,
       end_kind,
       success,
       error_code,
       detail,
       hangup_cause,
       t30_code,
       t30_text,
       remote_csid,
       bit_rate,
       ecm,
       t38_status,
       bad_rows,
       pages_sent,
       pages_total,
       pages           AS page_data
FROM queue.attempt;
