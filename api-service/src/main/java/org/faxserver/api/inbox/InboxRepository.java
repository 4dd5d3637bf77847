package org.faxserver.api.inbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.faxserver.api.inbox.model.ArchiveFormat;
import org.faxserver.api.inbox.model.InboxFilter;
import org.faxserver.api.inbox.model.ReceivedFax;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code api.received_fax}: the archive's metadata. Every read is scoped by tenant. */
@Repository
class InboxRepository {
    private static final String COLUMNS = "call_id, caller, callee, source_gateway, success, result_code, result_text, "
            + "hangup_cause, remote_csid, pages, transfer_rate, ecm_used, started_at, received_at, tiff_key, "
            + "documents_purged_at";

    /** The row to insert: what {@code inbound.received} said plus the archive's document keys. */
    record NewReceivedFax(UUID callId, long tenantId, String caller, String callee, String sourceGateway,
                          boolean success, Integer resultCode, String resultText, String hangupCause,
                          String remoteCsid, int pages, Integer transferRate, boolean ecmUsed, String tiffKey,
                          String pdfKey, String pngKey, Instant startedAt) {
    }

    /** Document keys of one archived fax, for download and for the retention sweep. */
    record DocumentKeys(UUID callId, String tiff, String pdf, String png) {
        String key(ArchiveFormat format) {
            return switch (format) {
                case TIFF -> tiff;
                case PDF -> pdf;
                case PNG -> png;
            };
        }
    }

    private final DatabaseClient db;

    InboxRepository(DatabaseClient db) {
        this.db = db;
    }

    /** True if the row is new; a redelivered message finds the row and changes nothing. */
    Mono<Boolean> insert(NewReceivedFax f) {
        GenericExecuteSpec spec = db.sql("INSERT INTO api.received_fax (call_id, tenant_id, caller, callee, "
                        + "source_gateway, success, result_code, result_text, hangup_cause, remote_csid, pages, "
                        + "transfer_rate, ecm_used, tiff_key, pdf_key, png_key, started_at) VALUES (:callId, :tenantId, "
                        + ":caller, :callee, :sourceGateway, :success, :resultCode, :resultText, :hangupCause, "
                        + ":remoteCsid, :pages, :transferRate, :ecmUsed, :tiffKey, :pdfKey, :pngKey, :startedAt) "
                        + "ON CONFLICT (call_id) DO NOTHING")
                .bind("callId", f.callId()).bind("tenantId", f.tenantId()).bind("callee", f.callee())
                .bind("success", f.success()).bind("pages", f.pages()).bind("ecmUsed", f.ecmUsed())
                .bind("startedAt", OffsetDateTime.ofInstant(f.startedAt(), ZoneOffset.UTC));
        spec = Rows.bind(spec, "caller", f.caller(), String.class);
        spec = Rows.bind(spec, "sourceGateway", f.sourceGateway(), String.class);
        spec = Rows.bind(spec, "resultCode", f.resultCode(), Integer.class);
        spec = Rows.bind(spec, "resultText", f.resultText(), String.class);
        spec = Rows.bind(spec, "hangupCause", f.hangupCause(), String.class);
        spec = Rows.bind(spec, "remoteCsid", f.remoteCsid(), String.class);
        spec = Rows.bind(spec, "transferRate", f.transferRate(), Integer.class);
        spec = Rows.bind(spec, "tiffKey", f.tiffKey(), String.class);
        spec = Rows.bind(spec, "pdfKey", f.pdfKey(), String.class);
        spec = Rows.bind(spec, "pngKey", f.pngKey(), String.class);
        return spec.fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Boolean> exists(UUID callId) {
        return db.sql("SELECT 1 FROM api.received_fax WHERE call_id = :callId").bind("callId", callId)
                .map(r -> true).first().defaultIfEmpty(false);
    }

    Mono<ReceivedFax> find(long tenantId, UUID callId) {
        return db.sql("SELECT " + COLUMNS + " FROM api.received_fax WHERE tenant_id = :tenantId AND call_id = :callId")
                .bind("tenantId", tenantId).bind("callId", callId)
                .map(InboxRepository::receivedFax).one();
    }

    /** The document keys of the tenant's fax, only while the documents are kept. */
    Mono<DocumentKeys> documents(long tenantId, UUID callId) {
        return db.sql("SELECT call_id, tiff_key, pdf_key, png_key FROM api.received_fax WHERE tenant_id = :tenantId "
                        + "AND call_id = :callId AND documents_purged_at IS NULL")
                .bind("tenantId", tenantId).bind("callId", callId)
                .map(InboxRepository::documentKeys).one();
    }

    Flux<ReceivedFax> list(long tenantId, InboxFilter filter, PageRequest page) {
        return filtered(db.sql("SELECT " + COLUMNS + " FROM api.received_fax" + where(filter)
                        + " ORDER BY started_at DESC, call_id LIMIT :limit OFFSET :offset"), tenantId, filter)
                .bind("limit", page.size()).bind("offset", page.offset())
                .map(InboxRepository::receivedFax).all();
    }

    Mono<Long> count(long tenantId, InboxFilter filter) {
        return filtered(db.sql("SELECT count(*) AS n FROM api.received_fax" + where(filter)), tenantId, filter)
                .map(r -> r.get("n", Long.class)).one();
    }

    /**
     * Claims up to {@code limit} faxes received before {@code cutoff} whose documents are still kept:
     * marks them purged and returns their keys, in one statement, so replicas sweeping at the same time
     * never take the same rows ({@code SKIP LOCKED}). The caller then deletes the files; a file that
     * cannot be deleted is logged and left, and never stops the sweep.
     */
    Flux<DocumentKeys> claimDue(Instant cutoff, int limit, Instant now) {
        return db.sql("UPDATE api.received_fax SET documents_purged_at = :now WHERE call_id IN (SELECT call_id "
                        + "FROM api.received_fax WHERE documents_purged_at IS NULL AND received_at < :cutoff "
                        + "ORDER BY received_at LIMIT :limit FOR UPDATE SKIP LOCKED) "
                        + "RETURNING call_id, tiff_key, pdf_key, png_key")
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .bind("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)).bind("limit", limit)
                .map(InboxRepository::documentKeys).all();
    }

    private static String where(InboxFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE tenant_id = :tenantId");
        if (f.to() != null) {
            sql.append(" AND callee = :to");
        }
        if (f.from() != null) {
            sql.append(" AND caller = :from");
        }
        if (f.success() != null) {
            sql.append(" AND success = :success");
        }
        if (f.receivedAfter() != null) {
            sql.append(" AND started_at >= :after");
        }
        if (f.receivedBefore() != null) {
            sql.append(" AND started_at < :before");
        }
        return sql.toString();
    }

    private static GenericExecuteSpec filtered(GenericExecuteSpec spec, long tenantId, InboxFilter f) {
        spec = spec.bind("tenantId", tenantId);
        if (f.to() != null) {
            spec = spec.bind("to", f.to());
        }
        if (f.from() != null) {
            spec = spec.bind("from", f.from());
        }
        if (f.success() != null) {
            spec = spec.bind("success", f.success());
        }
        if (f.receivedAfter() != null) {
            spec = spec.bind("after", OffsetDateTime.ofInstant(f.receivedAfter(), ZoneOffset.UTC));
        }
        if (f.receivedBefore() != null) {
            spec = spec.bind("before", OffsetDateTime.ofInstant(f.receivedBefore(), ZoneOffset.UTC));
        }
        return spec;
    }

    private static ReceivedFax receivedFax(Readable r) {
        Instant purged = Rows.instant(r, "documents_purged_at");
        return new ReceivedFax(r.get("call_id", UUID.class), r.get("caller", String.class), r.get("callee", String.class),
                r.get("source_gateway", String.class), Boolean.TRUE.equals(r.get("success", Boolean.class)),
                r.get("result_code", Integer.class), r.get("result_text", String.class),
                r.get("hangup_cause", String.class), r.get("remote_csid", String.class),
                r.get("pages", Integer.class), r.get("transfer_rate", Integer.class),
                Boolean.TRUE.equals(r.get("ecm_used", Boolean.class)), Rows.instant(r, "started_at"),
                Rows.instant(r, "received_at"), purged == null && r.get("tiff_key", String.class) != null, purged);
    }

    private static DocumentKeys documentKeys(Readable r) {
        return new DocumentKeys(r.get("call_id", UUID.class), r.get("tiff_key", String.class),
                r.get("pdf_key", String.class), r.get("png_key", String.class));
    }
}
