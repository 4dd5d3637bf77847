-- Received faxes (the archive): one row per inbound call that esl-gateway reported in inbound.received,
-- successful or not. The documents live in the DocumentStore; the row keeps their keys. After the
-- retention period the documents are deleted and documents_purged_at is set; the metadata stays.
CREATE TABLE api.received_fax (
    call_id             uuid        PRIMARY KEY,
    -- No foreign key to directory.tenant: the record of a received fax outlives a deleted tenant.
    tenant_id           bigint      NOT NULL,
    caller              text,
    callee              text        NOT NULL,
    source_gateway      text,
    success             boolean     NOT NULL,
    result_code         integer,
    result_text         text,
    hangup_cause        text,
    remote_csid         text,
    pages               integer     NOT NULL CHECK (pages >= 0),
    transfer_rate       integer,
    ecm_used            boolean     NOT NULL,
    tiff_key            text,
    pdf_key             text,
    png_key             text,
    started_at          timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    documents_purged_at timestamptz
);
CREATE INDEX received_fax_tenant_idx ON api.received_fax (tenant_id, started_at DESC, call_id);
-- The retention sweep looks for rows that still have documents, oldest first.
CREATE INDEX received_fax_retention_idx ON api.received_fax (received_at) WHERE documents_purged_at IS NULL;
