package org.faxserver.notifier.delivery.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.NextStep;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code notify.delivery}, {@code notify.delivery_try} and {@code notify.job_document}. */
public final class DeliveryRepository {

  private static final ObjectMapper JSON = MessageJson.newObjectMapper();

  /** A delivery claimed for one try. */
  public record Claimed(DeliveryTask task, int tries, int totalTries, UUID token, boolean reported) {}

  /** The states of {@link #BACKLOG}'s rows. */
  public static final List<String> BACKLOG_STATES = List.of("due", "scheduled", "dead");

  /**
   * Deliveries not done, as {@code (label, n)} rows: due (waiting for a worker), scheduled (a retry later, or a
   * try under way: a claim pushes {@code next_attempt_at} by its lease) and dead (waiting for a redelivery).
   * Each count walks a partial index, never the delivered history.
   */
  public static final String BACKLOG = """
      SELECT 'due' AS label, count(*) AS n FROM notify.delivery WHERE status = 'PENDING' AND next_attempt_at <= now()
      UNION ALL
      SELECT 'scheduled', count(*) FROM notify.delivery WHERE status = 'PENDING' AND next_attempt_at > now()
      UNION ALL
      SELECT 'dead', count(*) FROM notify.delivery WHERE status = 'DEAD'""";

  private final DatabaseClient db;

  public DeliveryRepository(DatabaseClient db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Inserts a new delivery due now; an existing id is left alone. True when inserted. */
  public Mono<Boolean> insert(DeliveryTask task) {
    var spec = db.sql("""
            INSERT INTO notify.delivery (id, purpose, channel, tenant_id, job_id, attempt_id, endpoint_id,
                                         receipt_kind, event, target, task)
            VALUES (:id, :purpose, :channel, :tenant, :job, :attempt, :endpoint, :kind, :event, :target, :task)
            ON CONFLICT (id) DO NOTHING""")
        .bind("id", task.id())
        .bind("purpose", task.purpose().name())
        .bind("channel", task.channel())
        .bind("tenant", task.notice().tenantId())
        .bind("job", task.notice().jobId())
        .bind("event", task.notice().event().wireName())
        .bind("target", String.join(", ", task.targets()))
        .bind("task", write(task));
    spec = task.attemptId() == null ? spec.bindNull("attempt", UUID.class) : spec.bind("attempt", task.attemptId());
    spec = task.endpointId() == null ? spec.bindNull("endpoint", String.class) : spec.bind("endpoint", task.endpointId());
    spec = task.receiptKind() == null ? spec.bindNull("kind", String.class) : spec.bind("kind", task.receiptKind());
    return spec.fetch().rowsUpdated().map(rows -> rows == 1);
  }

  /**
   * Claims up to {@code limit} due deliveries for one try each: counts the try and pushes
   * {@code next_attempt_at} by {@code lease}, so a worker that dies mid-try leaves the delivery to
   * be claimed again after the lease. Replicas skip each other's locked rows. Due fax documents go
   * before due receipts: fax-queue waits for a document's {@code delivery.finished}, so a burst of
   * receipts to a slow endpoint must not hold it up.
   */
  public Flux<Claimed> claim(int limit, Duration lease) {
    UUID token = UUID.randomUUID();
    return db.sql("""
            UPDATE notify.delivery
               SET tries = tries + 1, total_tries = total_tries + 1, claim_token = :token,
                   next_attempt_at = now() + make_interval(secs => :lease), updated_at = now()
             WHERE id IN (SELECT id FROM notify.delivery
                           WHERE status = 'PENDING' AND next_attempt_at <= now()
                           ORDER BY (purpose = 'DOCUMENT') DESC, next_attempt_at
                           LIMIT :limit
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, task, tries, total_tries, reported_at""")
        .bind("token", token)
        .bind("lease", (double) lease.toSeconds())
        .bind("limit", limit)
        .map(row -> new RawClaim(row.get("id", UUID.class), row.get("task", String.class),
            row.get("tries", Integer.class), row.get("total_tries", Integer.class),
            row.get("reported_at", java.time.OffsetDateTime.class) != null))
        .all()
        .concatMap(raw -> {
          try {
            return Mono.just(new Claimed(read(raw.task()), raw.tries(), raw.totalTries(), token, raw.reported()));
          } catch (IllegalStateException e) {
            // A row no version of this code can read would be claimed forever: dead-letter it instead.
            return deadLetterUnreadable(raw.id(), e.getMessage()).then(Mono.empty());
          }
        });
  }

  private record RawClaim(UUID id, String task, int tries, int totalTries, boolean reported) {}

  private Mono<Long> deadLetterUnreadable(UUID id, String why) {
    return db.sql("""
            UPDATE notify.delivery SET status = 'DEAD', claim_token = NULL, last_error = :why,
                   last_retryable = false, finished_at = now(), updated_at = now()
             WHERE id = :id""")
        .bind("id", id).bind("why", why).fetch().rowsUpdated();
  }

  /**
   * Records a try and what follows it, if this worker still holds the claim. True when recorded.
   */
  public Mono<Boolean> finishTry(Claimed claimed, TryOutcome outcome, NextStep next, Instant started,
      Instant ended) {
    String status = next instanceof NextStep.Delivered ? "DELIVERED" : next instanceof NextStep.DeadLetter ? "DEAD"
        : "PENDING";
    Instant nextAt = next instanceof NextStep.RetryAt retry ? retry.at() : ended;
    String error = next instanceof NextStep.DeadLetter dead ? dead.reason() : outcome.detail();
    var update = db.sql("""
            UPDATE notify.delivery
               SET status = :status, next_attempt_at = :next, claim_token = NULL, last_http_status = :http,
                   last_error = :error, last_retryable = :retryable, updated_at = now(),
                   finished_at = CASE WHEN :status = 'PENDING' THEN NULL ELSE now() END
             WHERE id = :id AND claim_token = :token""")
        .bind("status", status)
        .bind("next", nextAt)
        .bind("retryable", outcome.retryable())
        .bind("id", claimed.task().id())
        .bind("token", claimed.token());
    update = outcome.httpStatus() == null ? update.bindNull("http", Integer.class) : update.bind("http", outcome.httpStatus());
    update = error == null ? update.bindNull("error", String.class) : update.bind("error", error);
    var insertTry = db.sql("""
            INSERT INTO notify.delivery_try (delivery_id, number, started_at, ended_at, success, retryable,
                                             http_status, detail)
            VALUES (:id, :number, :started, :ended, :success, :retryable, :http, :detail)""")
        .bind("id", claimed.task().id())
        .bind("number", claimed.totalTries())
        .bind("started", started)
        .bind("ended", ended)
        .bind("success", outcome.success())
        .bind("retryable", outcome.retryable());
    insertTry = outcome.httpStatus() == null ? insertTry.bindNull("http", Integer.class)
        : insertTry.bind("http", outcome.httpStatus());
    insertTry = outcome.detail() == null ? insertTry.bindNull("detail", String.class)
        : insertTry.bind("detail", outcome.detail());
    var tryRow = insertTry;
    return update.fetch().rowsUpdated()
        .flatMap(rows -> rows == 1 ? tryRow.fetch().rowsUpdated().thenReturn(true) : Mono.just(false));
  }

  /** Marks a document delivery as reported to fax-queue; true the first time only. */
  public Mono<Boolean> markReported(UUID id) {
    return db.sql("UPDATE notify.delivery SET reported_at = now() WHERE id = :id AND reported_at IS NULL")
        .bind("id", id).fetch().rowsUpdated().map(rows -> rows == 1);
  }

  /** A dead-lettered delivery starts a fresh schedule now; true when it was dead. */
  public Mono<Boolean> redeliver(UUID id) {
    return db.sql("""
            UPDATE notify.delivery
               SET status = 'PENDING', tries = 0, redeliveries = redeliveries + 1, next_attempt_at = now(),
                   finished_at = NULL, updated_at = now()
             WHERE id = :id AND status = 'DEAD'""")
        .bind("id", id).fetch().rowsUpdated().map(rows -> rows == 1);
  }

  public Mono<Void> rememberDocument(UUID jobId, DocumentRef document) {
    return db.sql("""
            INSERT INTO notify.job_document (job_id, doc_key, media_type) VALUES (:job, :key, :type)
            ON CONFLICT (job_id) DO NOTHING""")
        .bind("job", jobId).bind("key", document.key()).bind("type", document.mediaType())
        .then();
  }

  public Mono<Optional<DocumentRef>> document(UUID jobId) {
    return db.sql("SELECT doc_key, media_type FROM notify.job_document WHERE job_id = :job")
        .bind("job", jobId)
        .map(row -> new DocumentRef(row.get("doc_key", String.class), row.get("media_type", String.class)))
        .one().map(Optional::of).defaultIfEmpty(Optional.empty());
  }

  public Mono<Long> forgetDocumentsOlderThan(Duration age) {
    return db.sql("DELETE FROM notify.job_document WHERE created_at < now() - make_interval(secs => :secs)")
        .bind("secs", (double) age.toSeconds()).fetch().rowsUpdated();
  }

  /**
   * Deletes up to {@code limit} deliveries that finished (delivered or dead-lettered) more than {@code age} ago,
   * with their tries; the number deleted. A dead letter can be redelivered until then. The subquery locks what it
   * picks: a redelivery committed meanwhile is seen (the row, PENDING again, is left), one under way is skipped, one
   * coming later finds nothing to redeliver; without the lock the DELETE would remove a just-redelivered row.
   * Replicas purging at the same time skip each other's rows.
   */
  public Mono<Long> purgeFinishedOlderThan(Duration age, int limit) {
    return db.sql("""
            DELETE FROM notify.delivery WHERE id IN (
              SELECT id FROM notify.delivery
               WHERE status <> 'PENDING' AND finished_at < now() - make_interval(secs => :secs)
               LIMIT :limit
               FOR UPDATE SKIP LOCKED)""")
        .bind("secs", (double) age.toSeconds()).bind("limit", limit).fetch().rowsUpdated();
  }

  private static String write(DeliveryTask task) {
    try {
      return JSON.writeValueAsString(task);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store delivery " + task.id(), e);
    }
  }

  static DeliveryTask read(String json) {
    try {
      return JSON.readValue(json, DeliveryTask.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored delivery: " + e.getOriginalMessage(), e);
    }
  }
}
