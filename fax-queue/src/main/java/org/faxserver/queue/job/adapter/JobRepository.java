package org.faxserver.queue.job.adapter;

import static org.faxserver.queue.db.Sql.fromJson;
import static org.faxserver.queue.db.Sql.json;
import static org.faxserver.queue.db.Sql.orNull;
import static org.faxserver.queue.db.Sql.valuesRows;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * Due jobs by {@code next_attempt_at} alone (V4): a walk of job_due_idx in order that stops at the limit, whatever
   * the table's statistics say. All four are planned that way in {@code JobClaimIntegrationTest}.
   */
  static final String CLAIM_DUE_SQL = "SELECT " + COLUMNS + " FROM queue.job WHERE next_attempt_at <= :now "
      + "ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED";
  static final String CLAIM_ONE_DUE_SQL = "SELECT job_id FROM queue.job WHERE next_attempt_at <= :now "
      + "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED";
  private static final String DUE_WALK = "SELECT 1 FROM queue.job WHERE next_attempt_at <= :now "
      + "ORDER BY next_attempt_at";
  static final String COUNT_DUE_SQL = "SELECT count(*) AS due FROM (" + DUE_WALK + " LIMIT :max) d";
  static final String FIRST_DUE_SQL = DUE_WALK + " LIMIT 1";

  private final DatabaseClient db;

  public JobRepository(DatabaseClient db) {
    this.db = db;
  }

  /** One INSERT with a row per job (19 parameters each; PostgreSQL takes at most 65,535 per statement). */
  @Override
  public Mono<Stored> insertAllIfAbsent(List<Job> all, Instant now) {
    if (all.isEmpty()) {
      return Mono.just(new Stored(Set.of(), false));
    }
    String rows = valuesRows("(:id#, :tenant#, :origin#, :submittedBy#, :from#, :to#, :docKey#, :docType#, :pages#, "
        + "CAST(:options# AS jsonb), CAST(:plan# AS jsonb), :status#, :next#, :failureType#, :failureCode#, "
        + ":failureMessage#, :now, :now, :completed#)", all.size());
    Map<String, Object> values = new HashMap<>();
    values.put("now", now);
    for (int i = 0; i < all.size(); i++) {
      Job job = all.get(i);
      values.put("id" + i, job.id());
      values.put("tenant" + i, job.tenantId());
      values.put("origin" + i, job.origin().name());
      values.put("submittedBy" + i, orNull(job.submittedBy(), String.class));
      values.put("from" + i, orNull(job.from() == null ? null : job.from().e164(), String.class));
      values.put("to" + i, job.to().e164());
      values.put("docKey" + i, job.document().key());
      values.put("docType" + i, job.document().mediaType());
      values.put("pages" + i, job.pages());
      values.put("options" + i, json(job.options()));
      values.put("plan" + i, json(job.plan()));
      values.put("status" + i, job.status().name());
      values.put("next" + i, orNull(job.nextAttemptAt(), Instant.class));
      putFailure(values, job.failure(), String.valueOf(i));
      values.put("completed" + i, orNull(job.isFinal() ? now : null, Instant.class));
    }
    // The outer query does not see the rows its own INSERT adds (one snapshot), so "others due" excludes the new jobs.
    return db.sql("WITH inserted AS (INSERT INTO queue.job (job_id, tenant_id, origin, submitted_by, from_number, "
            + "to_number, document_key, document_media_type, pages, options, plan, status, next_attempt_at, "
            + "failure_type, failure_code, failure_message, created_at, updated_at, completed_at) VALUES " + rows
            + " ON CONFLICT (job_id) DO NOTHING RETURNING job_id) "
            + "SELECT ARRAY(SELECT job_id FROM inserted) AS inserted, EXISTS (" + FIRST_DUE_SQL + ") AS others_due")
        .bindValues(values)
        .map(row -> new Stored(Set.of(row.get("inserted", UUID[].class)), row.get("others_due", Boolean.class)))
        .one();
  }

  @Override
  public Mono<Job> lock(UUID jobId) {
    return db.sql("SELECT " + COLUMNS + " FROM queue.job WHERE job_id = :id FOR UPDATE")
        .bind("id", jobId)
        .map(JobRepository::toJob)
        .one();
  }

  @Override
  public Flux<Job> lockAll(Collection<UUID> jobIds) {
    if (jobIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT " + COLUMNS + " FROM queue.job WHERE job_id = ANY(:ids) FOR UPDATE")
        .bind("ids", jobIds.toArray(UUID[]::new))
        .map(JobRepository::toJob)
        .all();
  }

  @Override
  public Flux<Job> claimDueJobs(Instant now, int limit) {
    return db.sql(CLAIM_DUE_SQL)
        .bind("now", now)
        .bind("limit", limit)
        .map(JobRepository::toJob)
        .all();
  }

  @Override
  public Mono<UUID> claimDue(Instant now) {
    return db.sql(CLAIM_ONE_DUE_SQL)
        .bind("now", now)
        .map(row -> row.get("job_id", UUID.class))
        .one();
  }

  @Override
  public Mono<Integer> countDue(Instant now, int max) {
    return db.sql(COUNT_DUE_SQL)
        .bind("now", now)
        .bind("max", max)
        .map(row -> row.get("due", Long.class).intValue())
        .one();
  }

  @Override
  public Mono<Void> update(Job job, Instant now) {
    return updateAll(List.of(job), now);
  }

  /** One statement for all jobs: each row's values in a VALUES list (cast, so that nulls are typed). */
  @Override
  public Mono<Void> updateAll(List<Job> all, Instant now) {
    if (all.isEmpty()) {
      return Mono.empty();
    }
    String rows = valuesRows("(CAST(:id# AS uuid), CAST(:status# AS text), CAST(:index# AS integer), "
        + "CAST(:tries# AS integer), CAST(:attempts# AS integer), CAST(:negotiations# AS integer), "
        + "CAST(:next# AS timestamptz), CAST(:live# AS uuid), CAST(:failureType# AS text), CAST(:failureCode# AS text), "
        + "CAST(:failureMessage# AS text), CAST(:final# AS boolean))", all.size());
    Map<String, Object> values = new HashMap<>();
    values.put("now", now);
    for (int i = 0; i < all.size(); i++) {
      Job job = all.get(i);
      values.put("id" + i, job.id());
      values.put("status" + i, job.status().name());
      values.put("index" + i, job.endpointIndex());
      values.put("tries" + i, job.triesOnEndpoint());
      values.put("attempts" + i, job.attemptCount());
      values.put("negotiations" + i, job.priorNegotiations());
      values.put("final" + i, job.isFinal());
      values.put("next" + i, orNull(job.nextAttemptAt(), Instant.class));
      values.put("live" + i, orNull(job.liveAttemptId(), UUID.class));
      putFailure(values, job.failure(), String.valueOf(i));
    }
    return db.sql("UPDATE queue.job AS j SET status = v.status, endpoint_index = v.endpoint_index, "
            + "tries_on_endpoint = v.tries, attempt_count = v.attempts, prior_negotiations = v.negotiations, "
            + "next_attempt_at = v.next, live_attempt_id = v.live, failure_type = v.failure_type, "
            + "failure_code = v.failure_code, failure_message = v.failure_message, updated_at = :now, "
            + "completed_at = CASE WHEN v.final THEN coalesce(j.completed_at, :now) END "
            + "FROM (VALUES " + rows + ") AS v(job_id, status, endpoint_index, tries, attempts, negotiations, next, "
            + "live, failure_type, failure_code, failure_message, final) WHERE j.job_id = v.job_id")
        .bindValues(values)
        .then();
  }

  @Override
  public Mono<Void> postpone(UUID jobId, Instant until) {
    return db.sql("UPDATE queue.job SET next_attempt_at = :until WHERE job_id = :id AND live_attempt_id IS NULL "
            + "AND next_attempt_at IS NOT NULL")
        .bind("until", until)
        .bind("id", jobId)
        .then();
  }

  /** {@code :failureType}, {@code :failureCode}, {@code :failureMessage}, each name followed by {@code suffix}. */
  private static void putFailure(Map<String, Object> values, FailureReason failure, String suffix) {
    values.put("failureType" + suffix, orNull(failure == null ? null : failure.type().name(), String.class));
    values.put("failureCode" + suffix, orNull(failure == null ? null : failure.code(), String.class));
    values.put("failureMessage" + suffix, orNull(failure == null ? null : failure.message(), String.class));
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
