package org.faxserver.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.directory.application.CachedDirectory;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * fax-router against real PostgreSQL and RabbitMQ: the directory is created with api-service's own
 * migration in a fresh database, jobs go in as {@code job.submitted} and come out as
 * {@code job.routed}. The broker is shared with other tests, so only messages for our job ids count.
 */
@SpringBootTest
// Both integration tests consume the same durable queues: a context left running would compete for
// the other test's messages with a different database, so each closes after its class.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaxRouterIntegrationTest {

  private static final Path DIRECTORY_MIGRATION =
      Path.of("../api-service/src/main/resources/db/migration/V1__directory_and_outbox.sql");
  /** This run's queues and binding keys: other routers on the shared broker never see its messages. */
  private static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String SERVICE = "fax-router-test-" + TEST_ID;
  private static final String SUFFIX = ".test-" + TEST_ID;
  private static final String JOB_SUBMITTED_QUEUE = SERVICE + ".job.submitted";
  private static final String PARKING_QUEUE = SERVICE + ".job.submitted.parking";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final PhoneNumber ACME_MAIN = PhoneNumber.ofE164("+15550001001");
  private static final PhoneNumber GLOBEX_MAIN = PhoneNumber.ofE164("+15550002001");
  private static final PhoneNumber EXTERNAL = PhoneNumber.ofE164("+442079460958");

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    TestInfrastructure.registerSpringProperties(r);
    r.add("faxserver.messaging.retry-pause", () -> "100ms");
    r.add("faxserver.messaging.service", () -> SERVICE);
    r.add("faxserver.messaging.binding-suffix", () -> SUFFIX);
  }

  @Autowired
  private Environment environment;

  @Autowired
  private List<org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer> containers;

  @Autowired
  private CachedDirectory cachedDirectory;

  @Autowired
  @Qualifier("directoryChangedContainer")
  private SimpleMessageListenerContainer directoryChangedContainer;

  private final Map<UUID, BlockingQueue<JobRouted>> routed = new ConcurrentHashMap<>();
  private Connection amqp;
  private Channel channel;

  private String acme;
  private String globex;
  private String carrierA;
  private String carrierB;
  private String globexHook;
  private String globexMail;

  @BeforeAll
  void createDirectoryAndListen() throws Exception {
    try (java.sql.Connection db = database(); Statement statement = db.createStatement()) {
      statement.execute(Files.readString(DIRECTORY_MIGRATION));
    }
    insertDirectory();
    amqp = TestInfrastructure.get().rabbit().newConnection();
    channel = amqp.createChannel();
    channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
    String queue = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.queueBind(queue, Exchanges.FAX_EVENTS, RoutingKeys.JOB_ROUTED);
    channel.basicConsume(queue, true, (tag, delivery) -> {
      try {
        JobRouted job = MessageJson.read(delivery.getBody(), JobRouted.class).payload();
        BlockingQueue<JobRouted> mine = routed.get(job.jobId());
        if (mine != null) {
          mine.add(job);
        }
      } catch (RuntimeException othersMessage) {
        // Not ours to judge: the broker is shared.
      }
    }, tag -> { });
  }

  @AfterAll
  void close() throws Exception {
    if (amqp != null) {
      containers.forEach(org.springframework.context.Lifecycle::stop); // else they declare the queues again
      ItQueues.deleteQueuesOf(amqp, SERVICE);
      amqp.close();
    }
  }

  @Test
  @Order(1)
  void externalDestinationIsPlannedThroughGlobalGatewaysByPriority() throws Exception {
    JobRouted job = submitAndAwait(acme, ACME_MAIN, EXTERNAL);

    assertThat(job.isRejected()).isFalse();
    assertThat(groups(job)).containsExactly(List.of(carrierA), List.of(carrierB));
    assertThat(job.plan().endpointsInOrder().get(0)).isEqualTo(EndpointRef.gateway(carrierA, "carrier-a"));
  }

  @Test
  @Order(2)
  void numberOnThisSystemGoesToItsOwnEndpointsWithLastResortLast() throws Exception {
    JobRouted job = submitAndAwait(acme, ACME_MAIN, GLOBEX_MAIN);

    assertThat(groups(job)).containsExactly(List.of(globexHook), List.of(globexMail));
    assertThat(job.plan().endpointsInOrder())
        .containsExactly(EndpointRef.webhook(globexHook, "https://globex.example/fax"),
            EndpointRef.email(globexMail, "fax@globex.example,ops@globex.example"));
  }

  @Test
  @Order(3)
  void anotherTenantsCallerIdIsPublishedAsARejection() throws Exception {
    JobRouted job = submitAndAwait(acme, GLOBEX_MAIN, EXTERNAL);

    assertThat(job.plan().isEmpty()).isTrue();
    assertThat(job.rejection()).isEqualTo("caller id " + GLOBEX_MAIN + " is not a number of tenant " + acme);
  }

  @Test
  @Order(4)
  void poisonMessageIsParkedNotLooped() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(marker).build();
    channel.basicPublish("", JOB_SUBMITTED_QUEUE, properties,
        ("{ not json " + marker).getBytes(StandardCharsets.UTF_8));

    GetResponse parked = awaitParked(marker);

    assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).endsWith(marker);
    assertThat(parked.getProps().getHeaders().get("x-parking-reason").toString())
        .contains("unreadable job.submitted");
  }

  @Test
  @Order(5)
  void aDirectoryChangeIsSeenByTheNextPlan() throws Exception {
    assertThat(groups(submitAndAwait(acme, ACME_MAIN, EXTERNAL)).get(0)).containsExactly(carrierA);
    update("UPDATE directory.endpoint SET enabled = false WHERE id = " + carrierA);

    publishDirectoryChanged(DirectoryChanged.updated(DirectoryEntity.ENDPOINT, carrierA));

    // The notice and the next job travel through different queues; poll until the router has it.
    Instant deadline = Instant.now().plus(WAIT);
    List<List<String>> plan = groups(submitAndAwait(acme, ACME_MAIN, EXTERNAL));
    while (!plan.equals(List.of(List.of(carrierB))) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      plan = groups(submitAndAwait(acme, ACME_MAIN, EXTERNAL));
    }
    assertThat(plan).containsExactly(List.of(carrierB));
  }

  @Test
  @Order(6)
  void aNoticeMissedWhileTheQueueWasGoneIsCoveredWhenConsumingResumes() throws Exception {
    // The connection stays open, so only the consumer restart can tell the cache to reload.
    assertThat(enabled(carrierA)).isFalse(); // as the previous test left it
    directoryChangedContainer.stop(); // the auto-delete queue goes with its consumer

    update("UPDATE directory.endpoint SET enabled = true WHERE id = " + carrierA);
    publishDirectoryChanged(DirectoryChanged.updated(DirectoryEntity.ENDPOINT, carrierA)); // lost
    directoryChangedContainer.start();

    // The consume-ok comes within milliseconds. A short wait also keeps other tests' notices on the
    // shared broker (which reload too) from hiding a regression; they can never make this fail.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(3));
    while (!enabled(carrierA) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(enabled(carrierA)).isTrue();
  }

  /** Whether the router's current directory snapshot has the endpoint enabled. */
  private boolean enabled(String endpointId) {
    Directory snapshot = cachedDirectory.current().block(WAIT);
    return snapshot.allEndpoints().stream()
        .filter(e -> e.id().equals(endpointId))
        .findFirst()
        .orElseThrow()
        .enabled();
  }

  private JobRouted submitAndAwait(String tenant, PhoneNumber from, PhoneNumber to) throws Exception {
    JobSubmitted job = new JobSubmitted(UUID.randomUUID(), tenant, "it-user", from, to,
        DocumentRef.tiff("it/" + UUID.randomUUID() + ".tif"), 1, JobOptions.none());
    BlockingQueue<JobRouted> answers = new LinkedBlockingQueue<>();
    routed.put(job.jobId(), answers);
    publish(RoutingKeys.JOB_SUBMITTED + SUFFIX,
        Envelope.of(JobSubmitted.TYPE, JobSubmitted.VERSION, job.jobId().toString(), job, Clock.systemUTC()));
    JobRouted answer = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(answer).as("job.routed for %s", job.jobId()).isNotNull();
    assertThat(answer.to()).isEqualTo(to);
    return answer;
  }

  private void publishDirectoryChanged(DirectoryChanged change) throws IOException {
    publish(RoutingKeys.DIRECTORY_CHANGED,
        Envelope.of(DirectoryChanged.TYPE, DirectoryChanged.VERSION, null, change, Clock.systemUTC()));
  }

  private void publish(String routingKey, Envelope<?> envelope) throws IOException {
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .messageId(envelope.messageId().toString())
        .deliveryMode(2)
        .build();
    channel.basicPublish(Exchanges.FAX_EVENTS, routingKey, properties, MessageJson.write(envelope));
  }

  /** Takes our message from the parking queue; anything else there is put back. */
  private GetResponse awaitParked(String marker) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    try (Channel parking = amqp.createChannel()) {
      while (Instant.now().isBefore(deadline)) {
        GetResponse response;
        long lastOther = -1;
        while ((response = parking.basicGet(PARKING_QUEUE, false)) != null) {
          if (marker.equals(response.getProps().getMessageId())) {
            parking.basicAck(response.getEnvelope().getDeliveryTag(), false);
            if (lastOther >= 0) {
              parking.basicNack(lastOther, true, true);
            }
            return response;
          }
          lastOther = response.getEnvelope().getDeliveryTag();
        }
        if (lastOther >= 0) {
          parking.basicNack(lastOther, true, true);
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("message " + marker + " was not parked within " + WAIT);
  }

  private static List<List<String>> groups(JobRouted job) {
    return job.plan().groups().stream()
        .map(g -> g.endpoints().stream().map(EndpointRef::endpointId).toList())
        .toList();
  }

  private void insertDirectory() throws SQLException {
    acme = insert("INSERT INTO directory.tenant (name) VALUES ('ACME') RETURNING id");
    globex = insert("INSERT INTO directory.tenant (name) VALUES ('Globex') RETURNING id");
    insert("INSERT INTO directory.tenant_number (tenant_id, number, ident) VALUES (" + acme + ", '"
        + ACME_MAIN + "', 'ACME FAX') RETURNING id");
    String globexMain = insert("INSERT INTO directory.tenant_number (tenant_id, number) VALUES ("
        + globex + ", '" + GLOBEX_MAIN + "') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, tenant_id, type, priority, gateway_name, allowed_sources)"
        + " VALUES ('TENANT', " + globex + ", 'GATEWAY', 1, 'globex-pbx', '{10.0.0.12/32}') RETURNING id");
    globexHook = insert("INSERT INTO directory.endpoint (scope, tenant_id, number_id, type, priority,"
        + " webhook_url, payload_style) VALUES ('NUMBER', " + globex + ", " + globexMain
        + ", 'WEBHOOK', 5, 'https://globex.example/fax', 'JSON') RETURNING id");
    globexMail = insert("INSERT INTO directory.endpoint (scope, tenant_id, number_id, type, priority,"
        + " last_resort, email_addresses) VALUES ('NUMBER', " + globex + ", " + globexMain
        + ", 'EMAIL', 0, true, '{fax@globex.example,ops@globex.example}') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, type, priority, source_only, gateway_name, allowed_sources)"
        + " VALUES ('GLOBAL', 'GATEWAY', 0, true, 'carrier-in', '{203.0.113.0/24}') RETURNING id");
    carrierB = insert("INSERT INTO directory.endpoint (scope, type, priority, gateway_name, allowed_sources)"
        + " VALUES ('GLOBAL', 'GATEWAY', 20, 'carrier-b', '{}') RETURNING id");
    carrierA = insert("INSERT INTO directory.endpoint (scope, type, priority, gateway_name, allowed_sources)"
        + " VALUES ('GLOBAL', 'GATEWAY', 10, 'carrier-a', '{2001:db8::/32}') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, type, priority, enabled, gateway_name, allowed_sources)"
        + " VALUES ('GLOBAL', 'GATEWAY', 5, false, 'carrier-off', '{}') RETURNING id");
  }

  private String insert(String sql) throws SQLException {
    try (java.sql.Connection db = database(); PreparedStatement statement = db.prepareStatement(sql);
         ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    }
  }

  private void update(String sql) throws SQLException {
    try (java.sql.Connection db = database(); Statement statement = db.createStatement()) {
      assertThat(statement.executeUpdate(sql)).isEqualTo(1);
    }
  }

  private java.sql.Connection database() throws SQLException {
    return DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
        environment.getRequiredProperty("spring.datasource.username"),
        environment.getRequiredProperty("spring.datasource.password"));
  }
}
