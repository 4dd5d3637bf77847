-- Directory (owned by api-service; read by fax-router and fax-queue as a published contract).
CREATE SCHEMA IF NOT EXISTS directory;
CREATE SCHEMA IF NOT EXISTS api;

CREATE TABLE directory.tenant (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL,
    -- Notification spec in the seed's grammar: "<type>-><destination>[,...]", ';' between addresses.
    notify      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE directory.tenant_number (
    id              bigserial PRIMARY KEY,
    -- RESTRICT: deleting a tenant that still has numbers is refused (the API answers 409).
    tenant_id       bigint      NOT NULL REFERENCES directory.tenant (id) ON DELETE RESTRICT,
    number          text        NOT NULL CHECK (number ~ '^\+[1-9][0-9]{1,14}$'),
    caller_id_name  text,
    page_header     text,
    -- T.30 TSI/CSI: at most 20 characters.
    ident           text        CHECK (char_length(ident) <= 20),
    notify          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tenant_number_number_key UNIQUE (number)
);
CREATE INDEX tenant_number_tenant_idx ON directory.tenant_number (tenant_id);

CREATE TABLE directory.tenant_user (
    id                  bigserial PRIMARY KEY,
    tenant_id           bigint      NOT NULL REFERENCES directory.tenant (id) ON DELETE CASCADE,
    username            text        NOT NULL,
    -- bcrypt only; the seed stored reversible AES ciphertext and returned it.
    password_hash       text        NOT NULL CHECK (password_hash LIKE '$2%'),
    -- SHA-256 (hex) of the API key; the key itself is never stored.
    api_key_hash        text        CHECK (api_key_hash ~ '^[0-9a-f]{64}$'),
    api_key_created_at  timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
-- Usernames are global (as in the seed) and case-insensitive.
CREATE UNIQUE INDEX tenant_user_username_key ON directory.tenant_user (lower(username));
CREATE UNIQUE INDEX tenant_user_api_key_hash_key ON directory.tenant_user (api_key_hash);
CREATE INDEX tenant_user_tenant_idx ON directory.tenant_user (tenant_id);

CREATE TABLE directory.endpoint (
    id                    bigserial PRIMARY KEY,
    scope                 text        NOT NULL CHECK (scope IN ('TENANT', 'NUMBER', 'GLOBAL')),
    tenant_id             bigint      REFERENCES directory.tenant (id) ON DELETE CASCADE,
    number_id             bigint      REFERENCES directory.tenant_number (id) ON DELETE CASCADE,
    type                  text        NOT NULL CHECK (type IN ('GATEWAY', 'WEBHOOK', 'EMAIL')),
    priority              integer     NOT NULL CHECK (priority >= 0),
    enabled               boolean     NOT NULL DEFAULT true,
    -- The seed's magic priority 666: identifies a source gateway, never used for delivery.
    source_only           boolean     NOT NULL DEFAULT false,
    -- The seed's magic priority 999: always tried after every other endpoint.
    last_resort           boolean     NOT NULL DEFAULT false,
    -- gateway
    gateway_name          text,
    allowed_sources       text[],
    -- NULL: the service default (enable_t38 / request_t38); else org.faxserver.model.fax.T38Policy.
    t38_policy            text        CHECK (t38_policy IN ('OFF', 'ACCEPT', 'REQUEST')),
    max_concurrent_calls  integer     CHECK (max_concurrent_calls > 0),
    bridge                boolean     NOT NULL DEFAULT false,
    -- webhook
    webhook_url           text,
    signing_secret        text,
    payload_style         text        CHECK (payload_style IN ('JSON', 'MULTIPART')),
    -- email
    email_addresses       text[],
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT endpoint_scope_refs CHECK (
        (scope = 'GLOBAL' AND tenant_id IS NULL AND number_id IS NULL)
        OR (scope = 'TENANT' AND tenant_id IS NOT NULL AND number_id IS NULL)
        OR (scope = 'NUMBER' AND tenant_id IS NOT NULL AND number_id IS NOT NULL)),
    CONSTRAINT endpoint_type_fields CHECK (
        (type = 'GATEWAY' AND gateway_name IS NOT NULL AND allowed_sources IS NOT NULL)
        OR (type = 'WEBHOOK' AND webhook_url IS NOT NULL AND payload_style IS NOT NULL)
        OR (type = 'EMAIL' AND email_addresses IS NOT NULL)),
    CONSTRAINT endpoint_source_only_gateway CHECK (NOT source_only OR (type = 'GATEWAY' AND NOT last_resort))
);
CREATE INDEX endpoint_tenant_idx ON directory.endpoint (tenant_id);
CREATE INDEX endpoint_number_idx ON directory.endpoint (number_id);

-- Transactional outbox: written in the same transaction as the directory change, relayed to RabbitMQ.
CREATE TABLE api.outbox (
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
CREATE INDEX outbox_pending_idx ON api.outbox (next_attempt_at, id) WHERE sent_at IS NULL;
