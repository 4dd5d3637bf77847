package org.faxserver.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.stream.Collectors.toSet;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.amqp.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The support pieces against the real broker and a fresh database. */
@SpringBootTest(
    classes = ServiceSupportIntegrationTest.App.class,
    properties = {
      "faxserver.messaging.service=support-test",
      "faxserver.messaging.max-deliveries=3",
      "faxserver.messaging.retry-interval=10ms",
      "faxserver.messaging.processed-table=test.processed_message",
      "faxserver.outbox.table=test.outbox",
      // No poll during the tests: a committed message is relayed because the commit woke the relay.
      "faxserver.outbox.poll-interval=1h",
      "spring.rabbitmq.publisher-confirm-type=correlated"
    })
class ServiceSupportIntegrationTest {

  @SpringBootApplication
  @Import(ServiceSupportConfiguration.class)
  static class App {}

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    TestInfrastructure.registerSpringProperties(r);
  }

  private static Connection amqp;
  private static Channel channel;

  @Autowired DatabaseClient db;
  @Autowired TransactionalOperator tx;
  @Autowired Outbox outbox;
  @Autowired OutboxRelay relay;
  @Autowired ProcessedMessages processed;
  @Autowired RabbitTemplate rabbit;
  @Autowired RabbitAdmin admin;
  @Autowired SimpleRabbitListenerContainerFactory factory;
  @Autowired SimpleRabbitListenerContainerFactoryConfigurer configurer;
  @Autowired ConnectionFactory connectionFactory;
  @Autowired EnvelopeMessageConverter converter;
  @Autowired MessagingProperties messaging;
  @Autowired ParkingRecoverer parking;

  @BeforeAll
  static void connect() throws Exception {
    amqp = TestInfrastructure.get().rabbit().newConnection();
    channel = amqp.createChannel();
  }

  @AfterAll
  static void disconnect() throws Exception {
    amqp.close();
  }

  /**
   * Triggers that note, for each outbox row, whether it was claimed as it was inserted, and count the INSERT
   * statements on the outbox and the statements that mark rows sent.
   */
  private static final String OUTBOX_WATCH = """
      CREATE TABLE test.outbox_birth (message_id uuid PRIMARY KEY, claimed_at_birth boolean NOT NULL);
      CREATE TABLE test.outbox_statements (statements bigint NOT NULL);
      INSERT INTO test.outbox_statements VALUES (0);
      CREATE FUNCTION test.note_birth() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO test.outbox_birth VALUES (NEW.message_id, NEW.claimed_until IS NOT NULL); RETURN NEW; END $$;
      CREATE FUNCTION test.count_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE test.outbox_statements SET statements = statements + 1; RETURN NULL; END $$;
      CREATE TRIGGER note_birth AFTER INSERT ON test.outbox FOR EACH ROW EXECUTE FUNCTION test.note_birth();
      CREATE TRIGGER count_statement AFTER INSERT ON test.outbox FOR EACH STATEMENT
        EXECUTE FUNCTION test.count_statement()""";

  /** A trigger that counts the statements marking rows of test.outbox sent (here and in OutboxRelayBenchmark). */
  static final String MARK_COUNTER = """
      CREATE TABLE test.outbox_marks (statements bigint NOT NULL);
      INSERT INTO test.outbox_marks VALUES (0);
      CREATE FUNCTION test.count_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE test.outbox_marks SET statements = statements + 1; RETURN NULL; END $$;
      CREATE TRIGGER count_mark AFTER UPDATE OF sent_at ON test.outbox FOR EACH STATEMENT
        EXECUTE FUNCTION test.count_mark()""";

  static long outboxMarkStatements(DatabaseClient db) {
    return db.sql("SELECT statements FROM test.outbox_marks").map(row -> row.get("statements", Long.class))
        .one().block();
  }

  private void createTables() {
    db.sql("CREATE SCHEMA IF NOT EXISTS test").then().block();
    db.sql("CREATE TABLE IF NOT EXISTS test.change_target (id uuid PRIMARY KEY, name text NOT NULL)").then().block();
    db.sql("SELECT 1 FROM pg_tables WHERE schemaname = 'test' AND tablename = 'outbox'")
        .fetch().first().hasElement()
        .flatMap(exists -> exists ? Mono.empty()
            : db.sql(Outbox.ddl("test.outbox")).then()
                .then(db.sql(ProcessedMessages.ddl("test.processed_message")).then())
                .then(Flux.fromArray((OUTBOX_WATCH + ";\n" + MARK_COUNTER).split(";\n"))
                    .concatMap(sql -> db.sql(sql).then()).then()))
        .block();
  }

  @Test
  void aMessageAppendedInACommittedTransactionIsPublishedAtOnceAndMarkedSent() throws Exception {
    createTables();
    String key = "test." + UUID.randomUUID();
    String queue = queueBoundTo(key);
    Envelope<JobStatusChanged> envelope = anEnvelope();

    tx.transactional(outbox.append(Exchanges.FAX_EVENTS, key, envelope)).block();

    GetResponse got = nextMessage(queue);
    assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).contains(envelope.messageId().toString());
    assertThat(got.getProps().getMessageId()).isEqualTo(envelope.messageId().toString());
    await().atMost(Duration.ofSeconds(5)).until(() -> db.sql(
            "SELECT sent_at IS NOT NULL AS sent FROM test.outbox WHERE message_id = :id")
        .bind("id", envelope.messageId()).map(row -> row.get("sent", Boolean.class)).first().block());
  }

  @Test
  void whileTheRelayRunsARowIsClaimedForItAtBirth() {
    createTables();
    Envelope<JobStatusChanged> envelope = anEnvelope();

    tx.transactional(outbox.append(Exchanges.FAX_EVENTS, "test.claimed", envelope)).block();

    // No poll can take it before the relay does: the relay publishes it from memory once the transaction committed.
    Boolean claimed = db.sql("SELECT claimed_at_birth FROM test.outbox_birth WHERE message_id = :id")
        .bind("id", envelope.messageId()).map(row -> row.get("claimed_at_birth", Boolean.class)).one().block();
    assertThat(claimed).isTrue();
  }

  @Test
  void aTransactionsMessagesAreWrittenAsItCommitsInOneStatementAndPublishedInTheOrderTheyWereAppended()
      throws Exception {
    createTables();
    String key = "test." + UUID.randomUUID();
    String queue = queueBoundTo(key);
    List<Envelope<JobStatusChanged>> envelopes = List.of(anEnvelope(), anEnvelope(), anEnvelope());
    long statementsBefore = outboxInsertStatements();

    Long storedWithin = tx.transactional(outbox.append(Exchanges.FAX_EVENTS, key, envelopes.get(0))
        .then(outbox.appendAll(envelopes.subList(1, 3).stream()
            .map(e -> new Outbox.Message(Exchanges.FAX_EVENTS, key, e)).toList()))
        .then(db.sql("SELECT count(*) AS n FROM test.outbox WHERE message_id IN (:ids)")
            .bind("ids", envelopes.stream().map(Envelope::messageId).toList())
            .map(row -> row.get("n", Long.class)).one())).block();

    assertThat(storedWithin).as("not written before the commit").isZero();
    assertThat(outboxInsertStatements() - statementsBefore).isEqualTo(1);
    for (Envelope<JobStatusChanged> expected : envelopes) {
      GetResponse got = nextMessage(queue);
      assertThat(got.getProps().getMessageId()).isEqualTo(expected.messageId().toString());
    }
  }

  @Test
  void messagesFromManyConcurrentTransactionsArriveEachOnceAndAreMarkedSentFewAtATime() throws Exception {
    createTables();
    String key = "test." + UUID.randomUUID();
    String queue = queueBoundTo(key);
    List<Envelope<JobStatusChanged>> envelopes = IntStream.range(0, 200).mapToObj(i -> anEnvelope()).toList();
    long marksBefore = outboxMarkStatements(db);

    Flux.fromIterable(envelopes)
        .flatMap(e -> tx.transactional(outbox.append(Exchanges.FAX_EVENTS, key, e)), 16)
        .blockLast();

    Set<String> received = new HashSet<>();
    for (int i = 0; i < envelopes.size(); i++) {
      assertThat(received.add(nextMessage(queue).getProps().getMessageId())).as("received once").isTrue();
    }
    assertThat(received).isEqualTo(envelopes.stream().map(e -> e.messageId().toString()).collect(toSet()));
    await().atMost(Duration.ofSeconds(10)).until(() -> db.sql(
            "SELECT count(*) AS n FROM test.outbox WHERE message_id IN (:ids) AND sent_at IS NOT NULL")
        .bind("ids", envelopes.stream().map(Envelope::messageId).toList())
        .map(row -> row.get("n", Long.class)).one().block() == envelopes.size());
    // Confirmed rows wait up to mark-delay to be marked with the others confirmed meanwhile.
    assertThat(outboxMarkStatements(db) - marksBefore).isLessThan(envelopes.size() / 2);
    assertThat(channel.basicGet(queue, true)).as("nothing twice").isNull();
  }

  @Test
  void messagesOfTransactionsCommittedOneAfterAnotherArriveInThatOrder() throws Exception {
    createTables();
    String key = "test." + UUID.randomUUID();
    String queue = queueBoundTo(key);
    List<Envelope<JobStatusChanged>> envelopes = IntStream.range(0, 100).mapToObj(i -> anEnvelope()).toList();

    // Each commit hands its row over while earlier ones may still await their confirms.
    Flux.fromIterable(envelopes).concatMap(e -> tx.transactional(outbox.append(Exchanges.FAX_EVENTS, key, e)))
        .blockLast();

    for (Envelope<JobStatusChanged> expected : envelopes) {
      assertThat(nextMessage(queue).getProps().getMessageId()).isEqualTo(expected.messageId().toString());
    }
  }

  @Test
  void aMessageTheBrokerRefusesIsLeftForALaterRetryAndTheOnesAroundItAreSent() throws Exception {
    createTables();
    String key = "test." + UUID.randomUUID();
    // Takes one message, then makes the broker nack the next ones until it is emptied.
    String full = channel.queueDeclare("", false, true, true,
        Map.of("x-max-length", 1, "x-overflow", "reject-publish")).getQueue();
    channel.queueBind(full, Exchanges.FAX_EVENTS, key);
    String other = queueBoundTo("test.other." + key);
    Envelope<JobStatusChanged> first = anEnvelope();
    Envelope<JobStatusChanged> refused = anEnvelope();
    Envelope<JobStatusChanged> elsewhere = anEnvelope();

    tx.transactional(outbox.appendAll(List.of(new Outbox.Message(Exchanges.FAX_EVENTS, key, first),
        new Outbox.Message(Exchanges.FAX_EVENTS, key, refused),
        new Outbox.Message(Exchanges.FAX_EVENTS, "test.other." + key, elsewhere)))).block();

    assertThat(nextMessage(other).getProps().getMessageId()).isEqualTo(elsewhere.messageId().toString());
    // No poll runs in these tests (poll-interval 1h), so the refused row is not retried meanwhile.
    await().atMost(Duration.ofSeconds(10)).until(() -> rowState(refused).contains("nacked"));
    assertThat(rowState(refused)).startsWith("unsent, 1 attempt, due later");
    await().atMost(Duration.ofSeconds(10)).until(() -> rowState(first).startsWith("sent"));
    await().atMost(Duration.ofSeconds(10)).until(() -> rowState(elsewhere).startsWith("sent"));
    assertThat(nextMessage(full).getProps().getMessageId()).isEqualTo(first.messageId().toString());
  }

  /**
   * An outbox row as "sent|unsent, N attempt, due later|now: last error" ("later": its next attempt is at least
   * half a second after it was written, as the retry backoff of 1 s puts it).
   */
  private String rowState(Envelope<?> envelope) {
    return db.sql("SELECT CASE WHEN sent_at IS NOT NULL THEN 'sent' ELSE 'unsent' END || ', ' || attempts "
            + "|| ' attempt, due ' || CASE WHEN next_attempt_at >= created_at + interval '0.5 s' THEN 'later' ELSE 'now' END "
            + "|| ': ' "
            + "|| coalesce(last_error, '') AS state FROM test.outbox WHERE message_id = :id")
        .bind("id", envelope.messageId()).map(row -> row.get("state", String.class)).one().block();
  }

  private long outboxInsertStatements() {
    return db.sql("SELECT statements FROM test.outbox_statements").map(row -> row.get("statements", Long.class))
        .one().block();
  }

  @Test
  void aMessageAppendedWhileTheRelayIsStoppedIsLeftToThePollAndPublishedOnceItRuns() throws Exception {
    createTables();
    String key = "test." + UUID.randomUUID();
    String queue = queueBoundTo(key);
    Envelope<JobStatusChanged> envelope = anEnvelope();

    relay.stop();
    try {
      tx.transactional(outbox.append(Exchanges.FAX_EVENTS, key, envelope)).block();
      Boolean unclaimed = db.sql("SELECT claimed_until IS NULL AND sent_at IS NULL AS unclaimed FROM test.outbox "
              + "WHERE message_id = :id")
          .bind("id", envelope.messageId()).map(row -> row.get("unclaimed", Boolean.class)).one().block();
      assertThat(unclaimed).isTrue();
    } finally {
      relay.start();
    }

    GetResponse got = nextMessage(queue);
    assertThat(got.getProps().getMessageId()).isEqualTo(envelope.messageId().toString());
  }

  @Test
  void aChangeAndItsMessageInOneStatementAreBothStoredAndTheMessageIsPublishedAtOnce() throws Exception {
    createTables();
    String key = "test." + UUID.randomUUID();
    String queue = queueBoundTo(key);
    Envelope<JobStatusChanged> envelope = anEnvelope();
    UUID id = UUID.randomUUID();

    Boolean appended = outbox.appendWith(INSERT_CHANGE, spec -> spec.bind("id", id).bind("name", "first"),
        new Outbox.Message(Exchanges.FAX_EVENTS, key, envelope)).block();

    assertThat(appended).isTrue();
    assertThat(countChanges(id)).isEqualTo(1);
    GetResponse got = nextMessage(queue);
    assertThat(got.getProps().getMessageId()).isEqualTo(envelope.messageId().toString());
  }

  @Test
  void aChangeThatWritesNothingAppendsNoMessage() {
    createTables();
    Envelope<JobStatusChanged> envelope = anEnvelope();
    UUID id = UUID.randomUUID();

    Boolean appended = outbox.appendWith(INSERT_CHANGE, spec -> spec.bind("id", id).bind("name", "skip"),
        new Outbox.Message(Exchanges.FAX_EVENTS, "test.nothing", envelope)).block();

    assertThat(appended).isFalse();
    assertThat(countChanges(id)).isZero();
    Long rows = db.sql("SELECT count(*) AS n FROM test.outbox WHERE message_id = :id")
        .bind("id", envelope.messageId()).map(row -> row.get("n", Long.class)).first().block();
    assertThat(rows).isZero();
  }

  /** A server-named queue that receives what is published on fax.events under {@code key}. */
  private static String queueBoundTo(String key) throws IOException {
    String queue = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.queueBind(queue, Exchanges.FAX_EVENTS, key);
    return queue;
  }

  /** The queue's next message, waited for up to 10 s. */
  private static GetResponse nextMessage(String queue) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> channel.basicGet(queue, true), r -> r != null);
  }

  /** Inserts a row unless its name is "skip": a change whose WHERE may find nothing to do. */
  private static final String INSERT_CHANGE = "INSERT INTO test.change_target (id, name) SELECT :id, :name "
      + "WHERE :name <> 'skip' RETURNING id";

  private long countChanges(UUID id) {
    return db.sql("SELECT count(*) AS n FROM test.change_target WHERE id = :id")
        .bind("id", id).map(row -> row.get("n", Long.class)).first().block();
  }

  @Test
  void aMessageAppendedInARolledBackTransactionIsNeverStored() {
    createTables();
    Envelope<JobStatusChanged> envelope = anEnvelope();

    tx.transactional(outbox.append(Exchanges.FAX_EVENTS, "test.rollback", envelope)
            .then(Mono.error(new IllegalStateException("business failure"))))
        .onErrorResume(IllegalStateException.class, e -> Mono.empty())
        .block();

    Long rows = db.sql("SELECT count(*) AS n FROM test.outbox WHERE message_id = :id")
        .bind("id", envelope.messageId()).map(row -> row.get("n", Long.class)).first().block();
    assertThat(rows).isZero();
  }

  @Test
  void processedMessagesRecognisesAnIdOnlyAfterItsTransactionCommitted() {
    createTables();
    UUID id = UUID.randomUUID();

    Boolean firstButRolledBack = tx.transactional(processed.firstTime(id)
            .flatMap(first -> Mono.<Boolean>error(new IllegalStateException(String.valueOf(first)))))
        .onErrorResume(IllegalStateException.class, e -> Mono.just(Boolean.parseBoolean(e.getMessage())))
        .block();
    Boolean first = tx.transactional(processed.firstTime(id)).block();
    Boolean again = tx.transactional(processed.firstTime(id)).block();

    assertThat(firstButRolledBack).isTrue();
    assertThat(first).isTrue();
    assertThat(again).isFalse();
  }

  @Test
  void periodicCountsAnswerTheLastCountPerLabelZeroForALabelNotAnsweredAndKeepTheirValuesWhenACountFails() {
    createTables();
    db.sql("CREATE TABLE IF NOT EXISTS test.counted (kind text NOT NULL)").then().block();
    db.sql("INSERT INTO test.counted VALUES ('a'), ('a'), ('b')").then().block();
    PeriodicCounts counts = new PeriodicCounts("kinds", db,
        "SELECT kind AS label, count(*) AS n FROM test.counted GROUP BY kind", Duration.ofMillis(50),
        List.of("a", "b", "c"));

    counts.countNow().block();
    assertThat(List.of(counts.of("a").get(), counts.of("b").get(), counts.of("c").get())).containsExactly(2L, 1L, 0L);

    db.sql("INSERT INTO test.counted VALUES ('c')").then().block();
    db.sql("DELETE FROM test.counted WHERE kind = 'b'").then().block();
    counts.countNow().block();
    assertThat(List.of(counts.of("a").get(), counts.of("b").get(), counts.of("c").get())).containsExactly(2L, 0L, 1L);

    db.sql("DROP TABLE test.counted").then().block();
    assertThatThrownBy(() -> counts.countNow().block()).hasMessageContaining("test.counted");
    assertThat(List.of(counts.of("a").get(), counts.of("b").get(), counts.of("c").get())).containsExactly(2L, 0L, 1L);

    counts.start();
    try {
      // polling goes on through failed counts and picks up the table once it is back
      await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(counts::isRunning);
      db.sql("CREATE TABLE test.counted (kind text NOT NULL)").then().block();
      db.sql("INSERT INTO test.counted VALUES ('b'), ('b'), ('b')").then().block();
      await().atMost(Duration.ofSeconds(5)).until(() -> counts.of("b").get().longValue() == 3L);
      assertThat(List.of(counts.of("a").get(), counts.of("c").get())).containsExactly(0L, 0L);
    } finally {
      counts.stop();
      db.sql("DROP TABLE IF EXISTS test.counted").then().block();
    }
    assertThatThrownBy(() -> counts.of("d")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kinds has no label d");
  }

  @Test
  void thePurgeForgetsIdsOlderThanTheRetentionInChunksAndKeepsRecentOnes() {
    createTables();
    UUID recent = UUID.randomUUID();
    UUID old = UUID.randomUUID();
    tx.transactional(processed.firstTime(recent)).block();
    // More old ids than one chunk, so the purge has to go round more than once.
    db.sql("INSERT INTO test.processed_message (message_id, processed_at) SELECT gen_random_uuid(), "
        + "now() - interval '8 days' FROM generate_series(1, " + ProcessedMessagesPurge.CHUNK + ")").then().block();
    db.sql("INSERT INTO test.processed_message (message_id, processed_at) VALUES (:id, now() - interval '8 days')")
        .bind("id", old).then().block();

    long deleted = new ProcessedMessagesPurge(processed, Duration.ofDays(7), Duration.ofHours(1)).purge();

    assertThat(deleted).isGreaterThan(ProcessedMessagesPurge.CHUNK);
    Long left = db.sql("SELECT count(*) AS n FROM test.processed_message WHERE processed_at < now() - interval '7 days'")
        .map(row -> row.get("n", Long.class)).first().block();
    assertThat(left).isZero();
    assertThat(tx.transactional(processed.firstTime(recent)).block()).isFalse();
    assertThat(tx.transactional(processed.firstTime(old)).block()).isTrue();
  }

  @Test
  void aMessageThatKeepsFailingIsParkedAfterMaxDeliveriesAndNotLooped() throws Exception {
    String key = "test.poison." + UUID.randomUUID();
    String queue = declareServiceQueue(key);
    AtomicInteger calls = new AtomicInteger();
    SimpleMessageListenerContainer container = factory.createListenerContainer();
    container.setQueueNames(queue);
    container.setMessageListener((MessageListener) message -> {
      calls.incrementAndGet();
      throw new IllegalStateException("poison");
    });
    container.start();
    try {
      rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());

      GetResponse parked = await().atMost(Duration.ofSeconds(10))
          .until(() -> channel.basicGet(Topology.parkingQueueName(queue), true), r -> r != null);

      assertThat(calls.get()).isEqualTo(3);
      assertThat(parked.getProps().getHeaders().get("x-exception").toString()).contains("poison");
      Thread.sleep(300);
      assertThat(calls.get()).as("no redelivery after parking").isEqualTo(3);
    } finally {
      container.stop();
      deleteServiceQueue(queue);
    }
  }

  @Test
  void aMessageFailingBecauseTheDatabaseIsUnreachableIsNeverParkedAndIsProcessedOnceItIsBack() throws Exception {
    String key = "test.outage." + UUID.randomUUID();
    String queue = declareServiceQueue(key);
    DatabaseClient down = unreachableDatabase();
    int outageCalls = 7; // more than max-deliveries (3): the message goes round its queue more than once
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger processedCalls = new AtomicInteger();
    SimpleMessageListenerContainer container = factory.createListenerContainer();
    container.setQueueNames(queue);
    container.setMessageListener((MessageListener) message -> {
      DatabaseClient database = calls.incrementAndGet() <= outageCalls ? down : db;
      database.sql("SELECT 1").fetch().one().block(Duration.ofSeconds(10));
      processedCalls.incrementAndGet();
    });
    container.start();
    try {
      rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());

      await().atMost(Duration.ofSeconds(20)).until(() -> processedCalls.get() == 1);
      assertThat(calls.get()).isEqualTo(outageCalls + 1);
      assertThat(admin.getQueueInfo(Topology.parkingQueueName(queue)).getMessageCount()).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> admin.getQueueInfo(queue).getMessageCount() == 0);
      Thread.sleep(300);
      assertThat(calls.get()).as("acked once processed, not delivered again").isEqualTo(outageCalls + 1);
    } finally {
      container.stop();
      deleteServiceQueue(queue);
    }
  }

  @Test
  void aRaisedDatabaseErrorIsNotAnOutageButARefusedConnectionIs() throws Exception {
    Throwable raised = org.assertj.core.api.Assertions.catchThrowable(() ->
        db.sql("DO $$BEGIN RAISE EXCEPTION 'poison'; END$$").then().block());
    assertThat(raised).isNotNull();
    assertThat(DependencyOutage.isOutage(raised)).as(raised.toString()).isFalse();

    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
        unreachableDatabase().sql("SELECT 1").then().block());
    assertThat(DependencyOutage.isOutage(refused)).as(String.valueOf(refused)).isTrue();
  }

  @Test
  void aBatchThatKeepsFailingIsParkedMessageByMessage() throws Exception {
    String key = "test.poison-batch." + UUID.randomUUID();
    String queue = declareServiceQueue(key);
    rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());
    rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());
    AtomicInteger calls = new AtomicInteger();
    SimpleMessageListenerContainer container = factory.createListenerContainer();
    container.setQueueNames(queue);
    container.setConsumerBatchEnabled(true);
    container.setBatchSize(2);
    container.setMessageListener((BatchMessageListener) batch -> {
      calls.incrementAndGet();
      throw new IllegalStateException("poison batch of " + batch.size());
    });
    container.start();
    try {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> admin.getQueueInfo(Topology.parkingQueueName(queue)).getMessageCount() == 2);

      assertThat(calls.get()).as("the batch of both, tried max-deliveries times").isEqualTo(3);
      GetResponse parked = channel.basicGet(Topology.parkingQueueName(queue), true);
      assertThat(parked.getProps().getHeaders().get("x-exception").toString()).contains("poison batch of 2");
      assertThat(admin.getQueueInfo(queue).getMessageCount()).as("acked, not redelivered").isZero();
    } finally {
      container.stop();
      deleteServiceQueue(queue);
    }
  }

  @Test
  void aBatchConsumerTakesWhatIsWaitingAsOneBatchUpToItsSize() throws Exception {
    String key = "test.batch." + UUID.randomUUID();
    String queue = declareServiceQueue(key);
    for (int i = 0; i < 5; i++) {
      rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(queue).getMessageCount() == 5);
    List<Integer> batches = new CopyOnWriteArrayList<>();
    SimpleMessageListenerContainer container =
        startedRecordingBatchSizes(batchFactory(2, Duration.ofSeconds(1)).createListenerContainer(), queue, batches);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> batches.stream().mapToInt(Integer::intValue).sum() == 5);
      assertThat(batches).containsExactly(2, 2, 1);
    } finally {
      container.stop();
      deleteServiceQueue(queue);
    }
  }

  @Test
  void messagesWithinABatchsWindowShareItAndALaterOneStartsTheNext() throws Exception {
    String key = "test.batch." + UUID.randomUUID();
    String queue = declareServiceQueue(key);
    List<Integer> batches = new CopyOnWriteArrayList<>();
    SimpleMessageListenerContainer container =
        startedRecordingBatchSizes(batchFactory(50, Duration.ofSeconds(1)).createListenerContainer(), queue, batches);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(queue).getConsumerCount() == 1);
      rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());
      Thread.sleep(100);
      rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());
      await().atMost(Duration.ofSeconds(10)).until(() -> !batches.isEmpty());
      rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());

      await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 2);
      assertThat(batches).containsExactly(2, 1);
    } finally {
      container.stop();
      deleteServiceQueue(queue);
    }
  }

  @Test
  void aLoneMessageWaitsForTheBatchWindowNotForTheIdleWait() throws Exception {
    String key = "test.batch." + UUID.randomUUID();
    String queue = declareServiceQueue(key);
    BatchListenerContainer idleTenSeconds = new BatchListenerContainer(Duration.ofSeconds(10));
    idleTenSeconds.setConnectionFactory(connectionFactory);
    idleTenSeconds.setConsumerBatchEnabled(true);
    idleTenSeconds.setBatchSize(50);
    idleTenSeconds.setReceiveTimeout(20);
    idleTenSeconds.setShutdownTimeout(100); // stopping does not wait for the idle consumer's ten seconds
    List<Integer> batches = new CopyOnWriteArrayList<>();
    SimpleMessageListenerContainer container = startedRecordingBatchSizes(idleTenSeconds, queue, batches);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(queue).getConsumerCount() == 1);
      Thread.sleep(300); // the consumer is in its idle wait when the message comes

      rabbit.convertAndSend(Exchanges.FAX_EVENTS, key, anEnvelope());

      await().atMost(Duration.ofSeconds(4)).until(() -> !batches.isEmpty());
      assertThat(batches).containsExactly(1);
    } finally {
      container.stop();
      deleteServiceQueue(queue);
    }
  }

  @Test
  void anIdleBatchConsumerDoesNotWakeUpEveryBatchWindow() throws Exception {
    String key = "test.batch." + UUID.randomUUID();
    String queue = declareServiceQueue(key);
    SimpleMessageListenerContainer container = batchFactory(50, Duration.ofMillis(2)).createListenerContainer();
    String threads = "idle-batch-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    container.setTaskExecutor(new SimpleAsyncTaskExecutor(threads));
    container.setQueueNames(queue);
    container.setMessageListener((BatchMessageListener) batch -> { });
    container.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(queue).getConsumerCount() == 1);
      Thread consumer = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith(threads)).findFirst().orElseThrow();
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long waitsBefore = mx.getThreadInfo(consumer.getId()).getWaitedCount();
      Thread.sleep(3000);
      long waits = mx.getThreadInfo(consumer.getId()).getWaitedCount() - waitsBefore;

      // Polling every 2 ms would be ~1,500 waits; waiting a second for the first message, about 3.
      assertThat(waits).as("waits of the idle consumer in 3 s").isLessThan(30);
    } finally {
      container.stop();
      deleteServiceQueue(queue);
    }
  }

  @Test
  void aBatchContainerRefusesABatchReceiveTimeout() {
    assertThatThrownBy(() -> new BatchListenerContainer().setBatchReceiveTimeout(5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchReceiveTimeout");
  }

  /** The container consuming {@code queue}, started, adding the size of each batch it gets to {@code sizes}. */
  private static SimpleMessageListenerContainer startedRecordingBatchSizes(SimpleMessageListenerContainer container,
      String queue, List<Integer> sizes) {
    container.setQueueNames(queue);
    container.setMessageListener((BatchMessageListener) batch -> sizes.add(batch.size()));
    container.start();
    return container;
  }

  private SimpleRabbitListenerContainerFactory batchFactory(int batchSize, Duration window) {
    return ServiceSupportConfiguration.batchListenerContainerFactory(configurer, connectionFactory, converter,
        messaging, parking, batchSize, window);
  }

  /** A real outage's failure: r2dbc-postgresql connecting to a port nobody listens on. */
  private static DatabaseClient unreachableDatabase() throws IOException {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    return DatabaseClient.create(io.r2dbc.spi.ConnectionFactories.get(
        "r2dbc:postgresql://postgres@127.0.0.1:" + closedPort + "/test"));
  }

  /** A service queue and its parking queue, as a service declares them; returns the queue's name. */
  private String declareServiceQueue(String key) {
    String service = "support-test-" + UUID.randomUUID();
    Topology.serviceQueue(service, Exchanges.FAX_EVENTS, key, false).getDeclarables().forEach(d -> {
      if (d instanceof org.springframework.amqp.core.Queue q) {
        admin.declareQueue(q);
      } else if (d instanceof org.springframework.amqp.core.Binding b) {
        admin.declareBinding(b);
      }
    });
    return Topology.queueName(service, key);
  }

  private void deleteServiceQueue(String queue) {
    admin.deleteQueue(queue);
    admin.deleteQueue(Topology.parkingQueueName(queue));
  }

  private static Envelope<JobStatusChanged> anEnvelope() {
    return Envelope.of(JobStatusChanged.TYPE, 1, null,
        new JobStatusChanged(UUID.randomUUID(), "t", JobStatus.QUEUED, 0, null, null), Clock.systemUTC());
  }
}
