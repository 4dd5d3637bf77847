package org.faxserver.queue.job.adapter;

import static org.faxserver.queue.db.Sql.bind;
import static org.faxserver.queue.db.Sql.fromJson;
import static org.faxserver.queue.db.Sql.json;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobStatus;
import org.faxserver.queue.job.application.JobStore;
import org.faxserver.queue.job.model.FailureReason;
import org.faxserver.queue.job.model.Job;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link JobStore} on {@code queue.job}. */
public final class JobRepository implements JobStore {

  private static final String COLUMNS = "job_id, tenant_id, origin, submitted_by, from_number, to_number, "
      + "document_key, document_media_type, pages, options::text AS options, plan::text AS plan, status, "
      + "endpoint_index, tries_on_endpoint, attempt_count, prior_negotiations, next_attempt_at, live_attempt_id, "
      + "failure_type, failure_code, failure_message, created_at";

  private final DatabaseClient db;

  public JobRepository(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Boolean> insertIfAbsent(Job job, Instant now) {
    var spec = db.sql("INSERT INTO queue.job (job_id, tenant_id, origin, submitted_by, from_number, to_number, "
            + "document_key, document_media_type, pages, options, plan, status, next_attempt_at, failure_type, "
            + "failure_code, failure_message, created_at, updated_at, completed_at) VALUES (:id, :tenant, :origin, "
            + ":submittedBy, :from, :to, :docKey, :docType, :pages, CAST(:options AS jsonb), CAST(:plan AS jsonb), "
            + ":status, :next, :failureType, :failureCode, :failureMessage, :now, :now, :completed) "
            + "ON CONFLICT (job_id) DO NOTHING")
        .bind("id", job.id())
        .bind("tenant", job.tenantId())
        .bind("origin", job.origin().name())
        .bind("to", job.to().e164())
        .bind("docKey", job.document().key())
        .bind("docType", job.document().mediaType())
        .bind("pages", job.pages())
        .bind("options", json(job.options()))
        .bind("plan", json(job.plan()))
        .bind("status", job.status().name())
        .bind("now", now);
    spec = bind(spec, "submittedBy", job.submittedBy(), String.class);
    spec = bind(spec, "from", job.from() == null ? null : job.from().e164(), String.class);
    spec = bind(spec, "next", job.nextAttemptAt(), Instant.class);
    spec = bindFailure(spec, job.failure());
    spec = bind(spec, "completed", job.isFinal() ? now : null, Instant.class);
    return spec.fetch().rowsUpdated().map(rows -> rows == 1);
  }

  @Override
  public Mono<Job> lock(UUID jobId) {
    return db.sql("SELECT " + COLUMNS + " FROM queue.job WHERE job_id = :id FOR UPDATE")
        .bind("id", jobId)
        .map(JobRepository::toJob)
        .one();
  }

  @Override
  public Flux<Job> claimDueJobs(Instant now, int limit) {
    return db.sql("SELECT " + COLUMNS + " FROM queue.job WHERE next_attempt_at <= :now "
            + "AND live_attempt_id IS NULL ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED")
        .bind("now", now)
        .bind("limit", limit)
        .map(JobRepository::toJob)
        .all();
  }

  @Override
  public Mono<UUID> claimDue(Instant now) {
    return db.sql("SELECT job_id FROM queue.job WHERE next_attempt_at <= :now "
            + "AND live_attempt_id IS NULL ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
        .bind("now", now)
        .map(row -> row.get("job_id", UUID.class))
        .one();
  }

  @Override
  public Mono<Integer> countDue(Instant now, int max) {
    return db.sql("SELECT count(*) AS due FROM (SELECT 1 FROM queue.job WHERE next_attempt_at <= :now "
            + "AND live_attempt_id IS NULL LIMIT :max) d")
        .bind("now", now)
        .bind("max", max)
        .map(row -> row.get("due", Long.class).intValue())
        .one();
  }

  @Override
  public Mono<Void> update(Job job, Instant now) {
    var spec = db.sql("UPDATE queue.job SET status = :status, endpoint_index = :index, tries_on_endpoint = :tries, "
            + "attempt_count = :attempts, prior_negotiations = :negotiations, next_attempt_at = :next, "
            + "live_attempt_id = :live, failure_type = :failureType, failure_code = :failureCode, "
            + "failure_message = :failureMessage, updated_at = :now, "
            + "completed_at = CASE WHEN :final THEN coalesce(completed_at, :now) END WHERE job_id = :id")
        .bind("id", job.id())
        .bind("status", job.status().name())
        .bind("index", job.endpointIndex())
        .bind("tries", job.triesOnEndpoint())
        .bind("attempts", job.attemptCount())
        .bind("negotiations", job.priorNegotiations())
        .bind("now", now)
        .bind("final", job.isFinal());
    spec = bind(spec, "next", job.nextAttemptAt(), Instant.class);
    spec = bind(spec, "live", job.liveAttemptId(), UUID.class);
    spec = bindFailure(spec, job.failure());
    return spec.then();
  }

  @Override
  public Mono<Void> postpone(UUID jobId, Instant until) {
    return db.sql("UPDATE queue.job SET next_attempt_at = :until WHERE job_id = :id AND live_attempt_id IS NULL "
            + "AND next_attempt_at IS NOT NULL")
        .bind("until", until)
        .bind("id", jobId)
        .then();
  }

  @Override
  public Mono<Void> recordPagesSent(UUID jobId, UUID attemptId, int pages) {
    return db.sql("UPDATE queue.job SET pages_sent = :pages WHERE job_id = :id AND live_attempt_id = :attempt")
        .bind("pages", pages)
        .bind("id", jobId)
        .bind("attempt", attemptId)
        .then();
  }

  private static DatabaseClient.GenericExecuteSpec bindFailure(DatabaseClient.GenericExecuteSpec spec,
      FailureReason failure) {
    spec = bind(spec, "failureType", failure == null ? null : failure.type().name(), String.class);
    spec = bind(spec, "failureCode", failure == null ? null : failure.code(), String.class);
    return bind(spec, "failureMessage", failure == null ? null : failure.message(), String.class);
  }

  private static Job toJob(Readable row) {
    String from = row.get("from_number", String.class);
    String failureType = row.get("failure_type", String.class);
    FailureReason failure = failureType == null ? null : new FailureReason(FailureReason.Type.valueOf(failureType),
        row.get("failure_code", String.class), row.get("failure_message", String.class));
    return new Job(
        row.get("job_id", UUID.class),
        row.get("tenant_id", String.class),
        JobOrigin.valueOf(row.get("origin", String.class)),
        row.get("submitted_by", String.class),
        from == null ? null : PhoneNumber.ofE164(from),
        PhoneNumber.ofE164(row.get("to_number", String.class)),
        new DocumentRef(row.get("document_key", String.class), row.get("document_media_type", String.class)),
        row.get("pages", Integer.class),
        fromJson(row.get("options", String.class), JobOptions.class),
        fromJson(row.get("plan", String.class), DeliveryPlan.class),
        JobStatus.valueOf(row.get("status", String.class)),
        row.get("endpoint_index", Integer.class),
        row.get("tries_on_endpoint", Integer.class),
        row.get("attempt_count", Integer.class),
        row.get("prior_negotiations", Integer.class),
        row.get("next_attempt_at", Instant.class),
        row.get("live_attempt_id", UUID.class),
        failure,
        row.get("created_at", Instant.class));
  }
}
