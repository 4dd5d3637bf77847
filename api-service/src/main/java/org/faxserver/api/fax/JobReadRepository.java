package org.faxserver.api.fax;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import org.faxserver.api.fax.model.FaxAttempt;
import org.faxserver.api.fax.model.FaxJob;
import org.faxserver.api.fax.model.JobError;
import org.faxserver.api.fax.model.JobFilter;
import org.faxserver.api.fax.model.JobStatuses;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.model.fax.PageResult;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads jobs for the tenant API: {@code api.submission}, overlaid with fax-queue's published views
 * {@code queue.job_view} and {@code queue.attempt_view} (read only; decision 0004). Every query is
 * scoped by tenant. Should the views not exist yet (fax-queue not migrated), jobs are shown from
 * the submission alone, as {@code SUBMITTED}, instead of failing.
 */
@Repository
class JobReadRepository {
    private static final Logger log = LoggerFactory.getLogger(JobReadRepository.class);
    private static final String UNDEFINED_TABLE = "42P01";
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<PageResult>> PAGES = new TypeReference<>() {
    };
    private static final String SUBMISSION_COLUMNS = "s.job_id, s.from_number, s.to_number, s.options::text AS options, "
            + "s.labels::text AS labels, s.pages, s.created_at, s.cancel_requested_at, s.document_purged_at, ";
    /**
     * The job {@code s} was sent to a number of another tenant here, so it went to that tenant's endpoints: the
     * submitter is told how it went, but not where those endpoints are (gateway names, webhook URLs, addresses) nor
     * the details of their failures, which can name them (a router's refusal or a cancel names none).
     */
    private static final String TO_ANOTHER_TENANT = "EXISTS (SELECT 1 FROM directory.tenant_number n "
            + "WHERE n.number = s.to_number AND n.tenant_id <> s.tenant_id)";
    private static final String ANOTHER_TENANTS_DELIVERY_FAILED = "delivery to this number failed";
    private static final String QUEUE_COLUMNS = "j.status, j.pages_sent, j.attempt_count, j.next_attempt_at, "
            + "j.error_type, j.error_code, CASE WHEN j.error_type = 'ALL_ENDPOINTS_FAILED' AND " + TO_ANOTHER_TENANT + " THEN '"
            + ANOTHER_TENANTS_DELIVERY_FAILED + "' ELSE j.error_message END AS error_message, j.updated_at, "
            + "j.completed_at";
    private static final String WITH_QUEUE = SUBMISSION_COLUMNS + QUEUE_COLUMNS + " FROM api.submission s "
            + "LEFT JOIN queue.job_view j ON j.job_id = s.job_id AND j.tenant_id = CAST(s.tenant_id AS text)";
    private static final String WITHOUT_QUEUE = SUBMISSION_COLUMNS + "CAST(NULL AS text) AS status, "
            + "CAST(NULL AS integer) AS pages_sent, CAST(NULL AS integer) AS attempt_count, "
            + "CAST(NULL AS timestamptz) AS next_attempt_at, CAST(NULL AS text) AS error_type, "
            + "CAST(NULL AS text) AS error_code, CAST(NULL AS text) AS error_message, "
            + "CAST(NULL AS timestamptz) AS updated_at, CAST(NULL AS timestamptz) AS completed_at FROM api.submission s";
    private static final String ATTEMPT_COLUMNS = "attempt_id, number, endpoint_kind, "
            + "CASE WHEN h.hidden THEN NULL ELSE gateway END AS gateway, started_at, ended_at, end_kind, success, "
            + "error_code, CASE WHEN h.hidden THEN NULL ELSE detail END AS detail, hangup_cause, t30_code, t30_text, "
            + "remote_csid, bit_rate, ecm, t38_status, bad_rows, pages_sent, pages_total, page_data::text AS page_data";

    private final DatabaseClient db;
    private final ObjectMapper json;

    JobReadRepository(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Whether the tenant's job went to another tenant's endpoints ({@link #TO_ANOTHER_TENANT}). */
    Mono<Boolean> toAnotherTenant(long tenantId, UUID jobId) {
        return db.sql("SELECT " + TO_ANOTHER_TENANT + " AS other FROM api.submission s "
                        + "WHERE s.tenant_id = :tenantId AND s.job_id = :jobId")
                .bind("tenantId", tenantId).bind("jobId", jobId)
                .map(r -> Boolean.TRUE.equals(r.get("other", Boolean.class))).one()
                .defaultIfEmpty(false);
    }

    Mono<FaxJob> find(long tenantId, UUID jobId) {
        return withOrWithoutQueue(from -> db.sql("SELECT " + from + " WHERE s.tenant_id = :tenantId AND s.job_id = :jobId")
                .bind("tenantId", tenantId).bind("jobId", jobId)
                .map(this::job).all())
                .next();
    }

    /** Where a job's documents are: the TIFF-F, and a stored PDF (jobs submitted before PDFs were rendered on demand). */
    record DocumentKeys(String tiffKey, String pdfKey, boolean purged) {
    }

    /** The tenant's job's document keys; empty if the job is not the tenant's. */
    Mono<DocumentKeys> documentKeys(long tenantId, UUID jobId) {
        return db.sql("SELECT tiff_key, pdf_key, document_purged_at IS NOT NULL AS purged FROM api.submission "
                        + "WHERE tenant_id = :tenantId AND job_id = :jobId")
                .bind("tenantId", tenantId).bind("jobId", jobId)
                .map(r -> new DocumentKeys(r.get("tiff_key", String.class), r.get("pdf_key", String.class),
                        Boolean.TRUE.equals(r.get("purged", Boolean.class))))
                .one();
    }

    Flux<FaxAttempt> attempts(UUID jobId) {
        return db.sql("SELECT " + ATTEMPT_COLUMNS + " FROM queue.attempt_view, (SELECT EXISTS (SELECT 1 "
                        + "FROM api.submission s WHERE s.job_id = :jobId AND " + TO_ANOTHER_TENANT + ") AS hidden) h "
                        + "WHERE job_id = :jobId ORDER BY number")
                .bind("jobId", jobId)
                .map(this::attempt).all()
                .onErrorResume(JobReadRepository::viewMissing, e -> Flux.empty());
    }

    Flux<FaxJob> list(long tenantId, JobFilter filter, PageRequest page) {
        return withOrWithoutQueue(from -> filtered(db.sql("SELECT " + from + where(filter, from)
                        + " ORDER BY s.created_at DESC, s.job_id LIMIT :limit OFFSET :offset"), tenantId, filter)
                .bind("limit", page.size()).bind("offset", page.offset())
                .map(this::job).all());
    }

    Mono<Long> count(long tenantId, JobFilter filter) {
        return withOrWithoutQueue(from -> filtered(db.sql("SELECT count(*) AS n FROM (SELECT " + from + where(filter, from)
                + ") counted"), tenantId, filter).map(r -> r.get("n", Long.class)).all())
                .next();
    }

    private static <T> Flux<T> withOrWithoutQueue(Function<String, Flux<T>> query) {
        return query.apply(WITH_QUEUE).onErrorResume(JobReadRepository::viewMissing, e -> {
            log.warn("fax-queue's views are missing ({}); showing jobs from api.submission only", e.getMessage());
            return query.apply(WITHOUT_QUEUE);
        });
    }

    private static boolean viewMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r && UNDEFINED_TABLE.equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static String where(JobFilter f, String from) {
        StringBuilder sql = new StringBuilder(" WHERE s.tenant_id = :tenantId");
        if (!f.statuses().isEmpty()) {
            String status = from.equals(WITH_QUEUE) ? "j.status" : "CAST(NULL AS text)";
            sql.append(" AND coalesce(").append(status).append(", '").append(JobStatuses.SUBMITTED).append("') = ANY(:statuses)");
        }
        if (f.to() != null) {
            sql.append(" AND s.to_number = :to");
        }
        if (f.from() != null) {
            sql.append(" AND s.from_number = :from");
        }
        if (f.createdAfter() != null) {
            sql.append(" AND s.created_at >= :createdAfter");
        }
        if (f.createdBefore() != null) {
            sql.append(" AND s.created_at < :createdBefore");
        }
        if (!f.labels().isEmpty()) {
            sql.append(" AND s.labels @> CAST(:labels AS jsonb)");
        }
        return sql.toString();
    }

    private GenericExecuteSpec filtered(GenericExecuteSpec spec, long tenantId, JobFilter f) {
        spec = spec.bind("tenantId", tenantId);
        if (!f.statuses().isEmpty()) {
            spec = spec.bind("statuses", f.statuses().toArray(String[]::new));
        }
        if (f.to() != null) {
            spec = spec.bind("to", f.to());
        }
        if (f.from() != null) {
            spec = spec.bind("from", f.from());
        }
        if (f.createdAfter() != null) {
            spec = spec.bind("createdAfter", OffsetDateTime.ofInstant(f.createdAfter(), ZoneOffset.UTC));
        }
        if (f.createdBefore() != null) {
            spec = spec.bind("createdBefore", OffsetDateTime.ofInstant(f.createdBefore(), ZoneOffset.UTC));
        }
        if (!f.labels().isEmpty()) {
            spec = spec.bind("labels", write(f.labels()));
        }
        return spec;
    }

    private FaxJob job(Readable r) {
        String status = r.get("status", String.class);
        Map<String, String> options = read(r.get("options", String.class), STRING_MAP, Map.of());
        String errorType = r.get("error_type", String.class);
        JobError error = errorType == null ? null
                : new JobError(errorType, r.get("error_code", String.class), r.get("error_message", String.class));
        int pages = r.get("pages", Integer.class);
        return new FaxJob(r.get("job_id", UUID.class), status == null ? JobStatuses.SUBMITTED : status,
                r.get("from_number", String.class), r.get("to_number", String.class), pages,
                orZero(r.get("pages_sent", Integer.class)), orZero(r.get("attempt_count", Integer.class)),
                Rows.instant(r, "next_attempt_at"), options.get("header"), options.get("ident"),
                read(r.get("labels", String.class), STRING_MAP, Map.of()), error,
                r.get("cancel_requested_at", OffsetDateTime.class) != null, Rows.instant(r, "created_at"),
                Rows.instant(r, "updated_at"), Rows.instant(r, "completed_at"), Rows.instant(r, "document_purged_at"),
                List.of());
    }

    private FaxAttempt attempt(Readable r) {
        return new FaxAttempt(r.get("attempt_id", UUID.class), r.get("number", Integer.class),
                r.get("endpoint_kind", String.class), r.get("gateway", String.class), Rows.instant(r, "started_at"),
                Rows.instant(r, "ended_at"), r.get("end_kind", String.class), r.get("success", Boolean.class),
                r.get("error_code", String.class), r.get("detail", String.class), r.get("hangup_cause", String.class),
                r.get("t30_code", Integer.class), r.get("t30_text", String.class), r.get("remote_csid", String.class),
                r.get("bit_rate", Integer.class), r.get("ecm", Boolean.class), r.get("t38_status", String.class),
                r.get("bad_rows", Integer.class), orZero(r.get("pages_sent", Integer.class)),
                r.get("pages_total", Integer.class), pages(r.get("page_data", String.class)));
    }

    /** Page data is fax-queue's JSON of shared-model {@link PageResult}s; unreadable data is left out, not fatal. */
    private static List<PageResult> pages(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return MessageJson.mapper().readValue(text, PAGES);
        } catch (Exception e) {
            log.warn("unreadable page data in queue.attempt_view: {}", e.toString());
            return List.of();
        }
    }

    private <T> T read(String text, TypeReference<T> type, T fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return json.readValue(text, type);
        } catch (Exception e) {
            log.warn("unreadable JSON in api.submission: {}", e.toString());
            return fallback;
        }
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (Exception e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
