package org.faxserver.api.fax;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.faxserver.api.outbox.OutboxWriter;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.support.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Writes {@code api.submission} (with its outbox message); reads for display are in {@link JobReadRepository}. */
@Repository
class SubmissionRepository {
    static final String UNIQUE_IDEMPOTENCY_KEY = "submission_idempotency_key";

    /** The part of an earlier submission an idempotent retry is judged by. */
    record Earlier(UUID jobId, String requestHash, int pages) {
    }

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final ObjectMapper json;

    SubmissionRepository(DatabaseClient db, OutboxWriter outbox, ObjectMapper json) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Marks up to {@code limit} submissions whose job ended before {@code cutoff} as purged and returns their
     * document keys, to be deleted. A job fax-queue does not show (its view missing, or not there yet) keeps its
     * document; replicas sweeping at once skip each other's rows.
     */
    Flux<JobReadRepository.DocumentKeys> claimPurgeableDocuments(Instant cutoff, int limit, Instant now) {
        return db.sql("UPDATE api.submission SET document_purged_at = :now WHERE job_id IN (SELECT s.job_id "
                        + "FROM api.submission s JOIN queue.job_view j ON j.job_id = s.job_id "
                        + "WHERE s.document_purged_at IS NULL AND s.created_at < :cutoff "
                        + "AND j.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND j.completed_at < :cutoff "
                        + "ORDER BY s.created_at LIMIT :limit FOR UPDATE OF s SKIP LOCKED) "
                        + "RETURNING tiff_key, pdf_key")
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .bind("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)).bind("limit", limit)
                .map(r -> new JobReadRepository.DocumentKeys(r.get("tiff_key", String.class),
                        r.get("pdf_key", String.class), true))
                .all();
    }

    /**
     * Inserts the submission and appends {@code submitted} to the outbox in one statement, if the submission's
     * {@code from} is a number of its tenant; false (nothing written) when it is not.
     */
    Mono<Boolean> insertIfOwnNumber(Submission s, Outbox.Message submitted) {
        return outbox.appendWith("INSERT INTO api.submission (job_id, tenant_id, user_id, from_number, to_number, "
                        + "options, labels, idempotency_key, request_hash, tiff_key, pages) SELECT :jobId, :tenantId, "
                        + ":userId, :from, :to, CAST(:options AS jsonb), CAST(:labels AS jsonb), :key, :hash, :tiff, "
                        + ":pages WHERE EXISTS (SELECT 1 FROM directory.tenant_number WHERE tenant_id = :tenantId "
                        + "AND number = :from) RETURNING job_id",
                spec -> Rows.bind(Rows.bind(spec.bind("jobId", s.jobId()).bind("tenantId", s.tenantId())
                        .bind("userId", s.userId()).bind("from", s.request().from().e164())
                        .bind("to", s.request().to().e164()).bind("options", write(s.options()))
                        .bind("labels", write(s.request().labels()))
                        .bind("tiff", s.tiffKey()).bind("pages", s.pages()),
                        "key", s.request().idempotencyKey(), String.class), "hash", s.requestHash(), String.class),
                submitted);
    }

    Mono<Earlier> findByIdempotencyKey(long tenantId, String key) {
        return db.sql("SELECT job_id, request_hash, pages FROM api.submission "
                        + "WHERE tenant_id = :tenantId AND idempotency_key = :key")
                .bind("tenantId", tenantId).bind("key", key)
                .map(r -> new Earlier(r.get("job_id", UUID.class), r.get("request_hash", String.class),
                        r.get("pages", Integer.class)))
                .one();
    }

    /** Notes that a cancel was requested; false if the job is not the tenant's. */
    Mono<Boolean> markCancelRequested(long tenantId, UUID jobId) {
        return db.sql("UPDATE api.submission SET cancel_requested_at = coalesce(cancel_requested_at, now()) "
                        + "WHERE tenant_id = :tenantId AND job_id = :jobId")
                .bind("tenantId", tenantId).bind("jobId", jobId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
