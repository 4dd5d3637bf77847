package org.faxserver.queue.job.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.faxserver.queue.support.QueueFixtures.aGateway;
import static org.faxserver.queue.support.QueueFixtures.planOf;

import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.queue.attempt.adapter.AttemptRepository;
import org.faxserver.queue.attempt.model.AttemptSpec;
import org.faxserver.queue.job.model.Job;
import org.faxserver.queue.support.QueueFixtures;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The schedule's claim and the one-live-attempt constraint against real PostgreSQL, with the real
 * migration and no scheduler running beside the test.
 */
class JobClaimIntegrationTest {

  private static DatabaseClient db;
  private static TransactionalOperator tx;
  private static JobRepository jobs;
  private static AttemptRepository attempts;

  @BeforeAll
  static void database() {
    PostgresDatabase database = TestInfrastructure.get().newDatabase("claim");
    ConnectionFactory factory = QueueFixtures.migrated(database);
    db = DatabaseClient.create(factory);
    tx = TransactionalOperator.create(new R2dbcTransactionManager(factory));
    jobs = new JobRepository(db);
    attempts = new AttemptRepository(db);
  }

  @Test
  void twoClaimersNeverClaimTheSameJobAndTheSecondIsNotBlockedByTheFirst() throws Exception {
    Instant now = Instant.now();
    Set<UUID> mine = new HashSet<>();
    for (int i = 0; i < 2; i++) {
      Job job = QueueFixtures.aWorkflow().accept(QueueFixtures.aJobTo(planOf(PriorityGroup.of(1, aGateway("gw")))),
          now.minusSeconds(60)).job();
      jobs.insertAllIfAbsent(List.of(job), now).block();
      mine.add(job.id());
    }
    CompletableFuture<UUID> firstClaimed = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();

    Mono<UUID> first = tx.transactional(jobs.claimDue(now)
        .doOnNext(firstClaimed::complete)
        .flatMap(job -> Mono.fromFuture(release).thenReturn(job)));
    CompletableFuture<UUID> firstDone = first.toFuture();
    UUID a = firstClaimed.get(10, TimeUnit.SECONDS);
    UUID b = tx.transactional(jobs.claimDue(now)).block(Duration.ofSeconds(5));
    release.complete(null);
    firstDone.get(10, TimeUnit.SECONDS);

    assertThat(b).as("SKIP LOCKED: the second claimer gets another job at once").isNotNull();
    assertThat(a).isNotEqualTo(b);
    assertThat(Set.of(a, b)).isEqualTo(mine);
  }

  @Test
  void theDatabaseRefusesASecondLiveAttemptOfOneJob() {
    Instant now = Instant.now();
    Job job = aJobDueInAnHour(now);
    attempts.insert(spec(job, 1), now).block();

    assertThatThrownBy(() -> attempts.insert(spec(job, 2), now).block())
        .hasMessageContaining("attempt_one_live_per_job");
  }

  @Test
  void theDatabaseRefusesAJobThatIsDueWhileAnAttemptIsLive() {
    Job job = aJobDueInAnHour(Instant.now());

    assertThatThrownBy(() -> db.sql("UPDATE queue.job SET live_attempt_id = gen_random_uuid() WHERE job_id = :id")
        .bind("id", job.id()).then().block())
        .hasMessageContaining("job_due_only_when_idle");
  }

  /**
   * Many finished jobs, a few due ones, churn (dead index entries) and no statistics, as on a database whose
   * autovacuum has not run yet: the scheduler's count and claim still walk job_due_idx in order and stop at their
   * limit, instead of reading every due entry and sorting.
   */
  @Test
  void theDueJobQueriesWalkTheDueIndexInOrderEvenWithoutStatistics() {
    DatabaseClient fresh = DatabaseClient.create(
        QueueFixtures.migrated(TestInfrastructure.get().newDatabase("dueplan")));
    fresh.sql("ALTER TABLE queue.job SET (autovacuum_enabled = false)").then().block();
    String insert = "INSERT INTO queue.job (job_id, tenant_id, origin, to_number, document_key, document_media_type, "
        + "pages, options, plan, status, next_attempt_at, created_at, updated_at) SELECT gen_random_uuid(), 't', "
        + "'API', '+15550100', 'k', 'image/tiff', 1, '{}', '[]', :status, :next, now(), now() "
        + "FROM generate_series(1, :n)";
    fresh.sql(insert).bind("status", "SUCCEEDED").bindNull("next", Instant.class).bind("n", 20_000).then().block();
    fresh.sql(insert).bind("status", "QUEUED").bind("next", Instant.now()).bind("n", 2_000).then().block();
    fresh.sql("UPDATE queue.job SET status = 'SUCCEEDED', next_attempt_at = NULL WHERE status = 'QUEUED'")
        .then().block();
    fresh.sql(insert).bind("status", "QUEUED").bind("next", Instant.now().minusSeconds(1)).bind("n", 5)
        .then().block();

    for (String sql : new String[] {JobRepository.COUNT_DUE_SQL, JobRepository.CLAIM_DUE_SQL,
        JobRepository.CLAIM_ONE_DUE_SQL, JobRepository.FIRST_DUE_SQL}) {
      var explain = fresh.sql("EXPLAIN " + sql).bind("now", Instant.now());
      explain = sql.contains(":max") ? explain.bind("max", 10) : explain;
      explain = sql.contains(":limit") ? explain.bind("limit", 10) : explain;
      String plan = String.join("\n", explain.map(row -> row.get(0, String.class)).all().collectList().block());
      assertThat(plan).as(sql).contains("Index").contains("job_due_idx").doesNotContain("Sort")
          .doesNotContain("Bitmap").doesNotContain("Seq Scan");
    }
    assertThat(new JobRepository(fresh).countDue(Instant.now(), 10).block()).isEqualTo(5);
  }

  /** A stored job due later, so it never stands in for the claim test's jobs in this shared database. */
  private static Job aJobDueInAnHour(Instant now) {
    Job job = QueueFixtures.aWorkflow().accept(QueueFixtures.aJobTo(planOf(PriorityGroup.of(1, aGateway("gw")))),
        now.plusSeconds(3600)).job();
    jobs.insertAllIfAbsent(List.of(job), now).block();
    return job;
  }

  private static AttemptSpec spec(Job job, int number) {
    return new AttemptSpec(UUID.randomUUID(), job.id(), number, job.currentEndpoint(), null, Map.of(),
        Instant.now().plusSeconds(60));
  }
}
