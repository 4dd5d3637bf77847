package org.faxserver.queue.attempt.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.queue.support.QueueFixtures.SENDER;
import static org.faxserver.queue.support.QueueFixtures.aGateway;
import static org.faxserver.queue.support.QueueFixtures.planOf;

import io.r2dbc.spi.ConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.attempt.adapter.AttemptRepository;
import org.faxserver.queue.attempt.adapter.StartLookupsRepository;
import org.faxserver.queue.fallback.adapter.FallbackRepository;
import org.faxserver.queue.gateway.adapter.GatewayLoadRepository;
import org.faxserver.queue.gateway.application.GatewayBreakers;
import org.faxserver.queue.gateway.application.GatewayGate;
import org.faxserver.queue.gateway.model.GatewayHealthRule.Health;
import org.faxserver.queue.job.adapter.JobRepository;
import org.faxserver.queue.job.application.AcceptingJobs;
import org.faxserver.queue.job.application.JobMessages;
import org.faxserver.queue.override.adapter.OverrideRepository;
import org.faxserver.queue.support.QueueFixtures;
import org.faxserver.support.Outbox;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Starting due jobs several per transaction and several transactions at a time, against real PostgreSQL: call
 * limits hold across the jobs of one transaction and across transactions, and each job gets its own destination's
 * fallback entry and overrides. And starting a new job in the transaction that accepts it, only when it is first
 * in line.
 */
class StartingAttemptsIntegrationTest {

  private static final String BREAKER_OPEN = "broken";

  private PostgresDatabase database;
  private DatabaseClient db;
  private JobRepository jobs;
  private StartingAttempts starting;
  private AcceptingJobs accepting;
  private AcceptingJobs acceptingWithBrokenStart;
  private TransactionalOperator tx;
  private final Instant now = Instant.now();

  @BeforeEach
  void database() {
    database = TestInfrastructure.get().newDatabase("starting");
    ConnectionFactory factory = QueueFixtures.migrated(database);
    db = DatabaseClient.create(factory);
    tx = TransactionalOperator.create(new R2dbcTransactionManager(factory));
    Clock clock = Clock.systemUTC();
    jobs = new JobRepository(db);
    AttemptRepository attempts = new AttemptRepository(db);
    Outbox outbox = new Outbox(db, "queue.outbox");
    GatewayBreakers breakers = new GatewayBreakers() {
      @Override
      public boolean allows(String gateway) {
        return !gateway.equals(BREAKER_OPEN);
      }

      @Override
      public void record(String gateway, Health health) {}
    };
    Map<String, Integer> limits = Map.of("small", 2);
    GatewayGate gate = new GatewayGate(breakers, new GatewayLoadRepository(db), g -> limits.getOrDefault(g, 100));
    starting = new StartingAttempts(QueueFixtures.aWorkflow(), jobs, attempts, gate, new StartLookupsRepository(db),
        new JobMessages(outbox, attempts, clock), tx, clock);
    accepting = new AcceptingJobs(QueueFixtures.aWorkflow(), jobs, new JobMessages(outbox, attempts, clock), tx, clock,
        starting::startAccepted);
    acceptingWithBrokenStart = new AcceptingJobs(QueueFixtures.aWorkflow(), jobs,
        new JobMessages(outbox, attempts, clock), tx, clock,
        job -> jobs.countDue(clock.instant(), 2).then(Mono.error(new IllegalStateException("start broke"))));
  }

  private UUID due(String to, String... gateways) {
    JobRouted routed = routed(to, gateways);
    jobs.insertAllIfAbsent(List.of(QueueFixtures.aWorkflow().accept(routed, now.minusSeconds(1)).job()), now).block();
    return routed.jobId();
  }

  private static JobRouted routed(String to, String... gateways) {
    PriorityGroup[] groups = new PriorityGroup[gateways.length];
    for (int i = 0; i < gateways.length; i++) {
      groups[i] = PriorityGroup.of(i + 1, aGateway(gateways[i]));
    }
    UUID id = UUID.randomUUID();
    return new JobRouted(id, "tenant-7", JobOrigin.API, "user-3", SENDER, PhoneNumber.ofE164(to),
        DocumentRef.tiff("tenant-7/" + id + ".tif"), 1, JobOptions.none(), planOf(groups));
  }

  private static Envelope<JobRouted> envelope(JobRouted routed) {
    return Envelope.of(JobRouted.TYPE, JobRouted.VERSION, routed.jobId().toString(), routed, Clock.systemUTC());
  }

  private long count(String sql, UUID jobId) {
    return db.sql(sql).bind("id", jobId).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
  }

  private long attemptsOf(UUID jobId) {
    return count("SELECT count(*) FROM queue.attempt WHERE job_id = :id", jobId);
  }

  private long originatesOf(UUID jobId) {
    return count("SELECT count(*) FROM queue.outbox WHERE routing_key = 'fax.originate' AND payload LIKE '%' || "
        + "CAST(:id AS text) || '%'", jobId);
  }

  private Map<String, Long> liveCallsByGateway() {
    Map<String, Long> live = new HashMap<>();
    db.sql("SELECT target, count(*) AS n FROM queue.attempt WHERE ended_at IS NULL GROUP BY target")
        .map(row -> Map.entry(row.get("target", String.class), row.get("n", Long.class)))
        .all().doOnNext(e -> live.put(e.getKey(), e.getValue())).blockLast(Duration.ofSeconds(10));
    return live;
  }

  private String attemptColumn(UUID jobId, String column) {
    return db.sql("SELECT " + column + "::text AS v FROM queue.attempt WHERE job_id = :id")
        .bind("id", jobId).map(row -> row.get("v", String.class)).one().block(Duration.ofSeconds(10));
  }

  @Test
  void aGatewaysLimitHoldsAcrossTheJobsOfOneTransactionAndAcrossTransactions() {
    // more than one transaction takes, so that four of them share the work
    int small = 3 * StartingAttempts.JOBS_PER_TRANSACTION + 5;
    for (int i = 0; i < small; i++) {
      due("+44207946" + String.format("%04d", i), "small");
    }
    due("+442079469999", "large");

    int claimed = starting.startDue(small + 50, 4).block(Duration.ofSeconds(30));

    assertThat(claimed).isEqualTo(small + 1);
    assertThat(liveCallsByGateway()).isEqualTo(Map.of("small", 2L, "large", 1L));
    Long postponed = db.sql("SELECT count(*) AS n FROM queue.job WHERE live_attempt_id IS NULL "
            + "AND next_attempt_at > now()")
        .map(row -> row.get("n", Long.class)).one().block();
    assertThat(postponed).as("the jobs the full gateway could not take wait").isEqualTo(small - 2);
    assertThat(starting.startDue(small + 50, 4).block(Duration.ofSeconds(30))).isZero();
  }

  @Test
  void callsCommittedWhileAStartWaitedForTheGatewayLockAreCounted() {
    UUID waiting = due("+442079460041", "small");
    UUID otherA = due("+442079460042", "small");
    UUID otherB = due("+442079460043", "small");
    // Another replica holds the gateway's lock while it starts the gateway's last two calls (its limit is 2) ...
    Sinks.Empty<Void> holding = Sinks.empty();
    Mono<Void> otherReplica = tx.transactional(new GatewayLoadRepository(db).lock(List.of("small"))
        .then(liveCallThroughSmall(otherA))
        .then(liveCallThroughSmall(otherB))
        .then(Mono.fromRunnable(holding::tryEmitEmpty))
        .then(Mono.delay(Duration.ofMillis(500)))
        .then());
    otherReplica.subscribe();
    holding.asMono().block(Duration.ofSeconds(10));

    // ... so this start waits for the lock, and must count those calls once it has it.
    starting.startDue(50, 4).block(Duration.ofSeconds(30));

    assertThat(liveCallsByGateway()).isEqualTo(Map.of("small", 2L));
    assertThat(attemptsOf(waiting)).as("the full gateway took no third call").isZero();
  }

  /** A live call through "small" for the job, as another replica's transaction starts it. */
  private Mono<Void> liveCallThroughSmall(UUID jobId) {
    UUID attemptId = UUID.randomUUID();
    return db.sql("INSERT INTO queue.attempt (attempt_id, job_id, number, endpoint_id, endpoint_kind, target, "
            + "started_at, deadline) "
            + "VALUES (:a, :j, 1, 'gw-small', 'GATEWAY', 'small', now(), now() + interval '1 hour')")
        .bind("a", attemptId).bind("j", jobId).then()
        .then(db.sql("UPDATE queue.job SET live_attempt_id = :a, next_attempt_at = NULL WHERE job_id = :j")
            .bind("a", attemptId).bind("j", jobId).then());
  }

  @Test
  void aGatewayWhoseBreakerIsOpenIsSkippedOrWaitedForPerJob() {
    UUID withFallbackGateway = due("+442079460001", BREAKER_OPEN, "large");
    UUID onlyTheBrokenGateway = due("+442079460002", BREAKER_OPEN);

    starting.startDue(50, 4).block(Duration.ofSeconds(30));

    assertThat(attemptColumn(withFallbackGateway, "target")).isEqualTo("large");
    assertThat(attemptColumn(onlyTheBrokenGateway, "target")).as("no call through an open breaker").isNull();
    Boolean waits = db.sql("SELECT next_attempt_at > now() AS waits FROM queue.job WHERE job_id = :id")
        .bind("id", onlyTheBrokenGateway).map(row -> row.get("waits", Boolean.class)).one().block();
    assertThat(waits).isTrue();
  }

  @Test
  void eachJobOfATransactionGetsItsOwnDestinationsFallbackEntryAndOverrides() {
    UUID listed = due("+442079460011", "large");
    UUID overridden = due("+442079460012", "large");
    UUID plain = due("+442079460013", "large");
    new FallbackRepository(db).add("+442079460011", now.getEpochSecond(), "test", false).block();
    new OverrideRepository(db).put("+442079460012", "absolute_codec_string", "PCMU").block();
    new OverrideRepository(db).put("+442079460012", "sip_h_X-Route", "b").block();
    // a stored row that predates a rule is still left out
    new OverrideRepository(db).put("+442079460012", "origination_uuid", "not-the-attempt").block();

    starting.startDue(50, 4).block(Duration.ofSeconds(30));

    assertThat(attemptColumn(listed, "fax_settings")).contains("\"t38\": \"OFF\"");
    assertThat(attemptColumn(plain, "fax_settings")).doesNotContain("\"t38\": \"OFF\"");
    assertThat(attemptColumn(overridden, "overrides")).contains("absolute_codec_string").contains("PCMU")
        .contains("sip_h_X-Route").doesNotContain("origination_uuid");
    assertThat(attemptColumn(plain, "overrides")).doesNotContain("absolute_codec_string");
    assertThat(attemptColumn(listed, "overrides")).doesNotContain("absolute_codec_string");
  }

  @Test
  void aJobFirstInLineIsStartedByTheTransactionThatAcceptsIt() {
    JobRouted routed = routed("+442079460021", "large");

    Boolean leftToScheduler = accepting.accept(List.of(envelope(routed))).block(Duration.ofSeconds(10));

    assertThat(leftToScheduler).isFalse();
    assertThat(attemptsOf(routed.jobId())).isEqualTo(1);
    assertThat(originatesOf(routed.jobId())).isEqualTo(1);
    // A redelivered job.routed changes nothing.
    assertThat(accepting.accept(List.of(envelope(routed))).block(Duration.ofSeconds(10))).isFalse();
    assertThat(attemptsOf(routed.jobId())).isEqualTo(1);
  }

  @Test
  void aBatchIsAcceptedTogetherAndOnlyItsFirstJobIsStartedAsItIsAccepted() {
    JobRouted known = routed("+442079460026", "large");
    JobRouted first = routed("+442079460027", "large");
    JobRouted second = routed("+442079460028", "large");
    accepting.accept(List.of(envelope(known))).block(Duration.ofSeconds(10));

    Boolean leftToScheduler = accepting.accept(List.of(envelope(known), envelope(first), envelope(second),
        envelope(second))).block(Duration.ofSeconds(10));

    assertThat(leftToScheduler).as("the second job waits behind the first").isTrue();
    assertThat(attemptsOf(first.jobId())).isEqualTo(1);
    assertThat(attemptsOf(second.jobId())).isZero();
    assertThat(attemptsOf(known.jobId())).as("a job routed again changes nothing").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM queue.outbox WHERE routing_key = 'job.status' AND payload LIKE '%' || "
        + "CAST(:id AS text) || '%'", second.jobId()))
        .as("a job routed twice in one batch is accepted once: one job.status").isEqualTo(1);
    starting.startDue(50, 4).block(Duration.ofSeconds(30));
    assertThat(attemptsOf(second.jobId())).isEqualTo(1);
    assertThat(originatesOf(second.jobId())).isEqualTo(1);
  }

  @Test
  void aJobBehindWaitingOnesIsLeftToTheSchedulerSoThatTheyGoFirst() {
    UUID waiting = due("+442079460022", "large");
    JobRouted routed = routed("+442079460023", "large");

    Boolean leftToScheduler = accepting.accept(List.of(envelope(routed))).block(Duration.ofSeconds(10));

    assertThat(leftToScheduler).isTrue();
    assertThat(attemptsOf(routed.jobId())).isZero();
    starting.startDue(50, 4).block(Duration.ofSeconds(30));
    assertThat(attemptsOf(waiting)).isEqualTo(1);
    assertThat(attemptsOf(routed.jobId())).isEqualTo(1);
  }

  @Test
  void aStartThatFailsAsTheJobIsAcceptedStillAcceptsTheJob() {
    JobRouted routed = routed("+442079460024", "large");

    Boolean leftToScheduler = acceptingWithBrokenStart.accept(List.of(envelope(routed))).block(Duration.ofSeconds(10));

    assertThat(leftToScheduler).isTrue();
    assertThat(count("SELECT count(*) FROM queue.job WHERE job_id = :id", routed.jobId())).isEqualTo(1);
    assertThat(attemptsOf(routed.jobId())).isZero();
    starting.startDue(50, 4).block(Duration.ofSeconds(30));
    assertThat(attemptsOf(routed.jobId())).isEqualTo(1);
  }

  @Test
  void aJobWhoseGatewayAnotherTransactionIsStartingThroughIsLeftToTheSchedulerInsteadOfWaiting() throws Exception {
    JobRouted routed = routed("+442079460025", "large");
    try (Connection scheduler = DriverManager.getConnection(database.jdbcUrl(), database.username(),
        database.password())) {
      scheduler.setAutoCommit(false);
      try (Statement st = scheduler.createStatement()) {
        st.execute("SELECT pg_advisory_xact_lock(hashtext('fax-queue.gateway:large'))");
      }

      Boolean leftToScheduler = accepting.accept(List.of(envelope(routed))).block(Duration.ofSeconds(10));

      assertThat(leftToScheduler).isTrue();
      assertThat(attemptsOf(routed.jobId())).isZero();
      scheduler.rollback();
    }
    starting.startDue(50, 4).block(Duration.ofSeconds(30));
    assertThat(attemptsOf(routed.jobId())).isEqualTo(1);
  }

  @Test
  void progressSkipsAnAttemptThatAnotherTransactionHoldsInsteadOfWaitingForIt() throws Exception {
    UUID held = due("+442079460031", "large");
    UUID free = due("+442079460032", "large");
    starting.startDue(50, 4).block(Duration.ofSeconds(30));
    UUID heldAttempt = UUID.fromString(attemptColumn(held, "attempt_id"));
    UUID freeAttempt = UUID.fromString(attemptColumn(free, "attempt_id"));
    try (Connection finishing = DriverManager.getConnection(database.jdbcUrl(), database.username(),
        database.password())) {
      finishing.setAutoCommit(false);
      try (Statement st = finishing.createStatement()) {
        st.execute("SELECT 1 FROM queue.attempt WHERE attempt_id = '" + heldAttempt + "' FOR UPDATE");
      }

      // Waiting for the held attempt would time out here (and could deadlock with a batch of finished reports).
      new AttemptRepository(db).progress(List.of(
              new AttemptProgress(heldAttempt, held, ProgressStage.PAGE_TRANSFERRED, null, 1, 1),
              new AttemptProgress(freeAttempt, free, ProgressStage.PAGE_TRANSFERRED, null, 1, 1)))
          .block(Duration.ofSeconds(5));
      finishing.rollback();
    }

    assertThat(attemptColumn(free, "pages_sent")).isEqualTo("1");
    assertThat(attemptColumn(held, "pages_sent")).as("skipped").isEqualTo("0");
  }
}
