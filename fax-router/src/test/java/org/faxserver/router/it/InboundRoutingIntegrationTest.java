package org.faxserver.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
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
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.inbound.model.ReceivedFaxPlanner;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbound side of fax-router against real PostgreSQL and RabbitMQ: {@code route.inbound}
 * request/reply through a reply-to queue, and {@code inbound.received} → {@code job.routed}. The
 * broker is shared, so only replies and jobs carrying our ids count.
 */
@SpringBootTest
// Both integration tests consume the same durable queues: a context left running would compete for
// the other test's messages with a different database, so each closes after its class.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundRoutingIntegrationTest {

  private static final Path DIRECTORY_MIGRATION =
      Path.of("../api-service/src/main/resources/db/migration/V1__directory_and_outbox.sql");
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** This run's queues and binding keys: other routers on the shared broker never see its messages. */
  private static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String SERVICE = "fax-router-test-" + TEST_ID;
  private static final String SUFFIX = ".test-" + TEST_ID;

  private static final PhoneNumber ACME_MAIN = PhoneNumber.ofE164("+15550003001");
  private static final PhoneNumber GLOBEX_MAIN = PhoneNumber.ofE164("+15550004001");
  private static final PhoneNumber EXTERNAL = PhoneNumber.ofE164("+442079460958");
  private static final String CARRIER_IP = "203.0.113.9";
  private static final String GLOBEX_PBX_IP = "10.0.0.12";

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

  private final Map<String, BlockingQueue<InboundRouteDecision>> replies = new ConcurrentHashMap<>();
  private final Map<UUID, BlockingQueue<JobRouted>> routed = new ConcurrentHashMap<>();
  private Connection amqp;
  private Channel channel;
  private String replyQueue;

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
    channel.exchangeDeclare(Exchanges.FAX_COMMANDS, "topic", true);
    String jobs = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.queueBind(jobs, Exchanges.FAX_EVENTS, RoutingKeys.JOB_ROUTED);
    channel.basicConsume(jobs, true, (tag, delivery) -> {
      try {
        JobRouted job = MessageJson.read(delivery.getBody(), JobRouted.class).payload();
        BlockingQueue<JobRouted> mine = routed.get(job.jobId());
        if (mine != null) {
          mine.add(job);
        }
      } catch (RuntimeException othersMessage) {
        // the broker is shared
      }
    }, tag -> { });
    replyQueue = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.basicConsume(replyQueue, true, (tag, delivery) -> {
      BlockingQueue<InboundRouteDecision> mine = replies.get(delivery.getProperties().getCorrelationId());
      if (mine != null) {
        Envelope<InboundRouteDecision> envelope = MessageJson.read(delivery.getBody(), InboundRouteDecision.class);
        assertThat(envelope.type()).isEqualTo(InboundRouteDecision.TYPE);
        mine.add(envelope.payload());
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

  // ---------------------------------------------------------------- route.inbound

  @Test
  void carrierCallForOurNumberIsAcceptedWithTenantIdentAndT38Policy() throws Exception {
    InboundRouteDecision decision = ask(EXTERNAL, ACME_MAIN, CARRIER_IP);

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.tenantId()).isEqualTo(acme);
    assertThat(decision.recipient()).isEqualTo(ACME_MAIN);
    assertThat(decision.ident()).isEqualTo("ACME FAX");
    assertThat(decision.t38()).isEqualTo(T38Policy.REQUEST);
    assertThat(decision.relayOut()).isFalse();
  }

  @Test
  void unknownSourceGets401() throws Exception {
    InboundRouteDecision decision = ask(EXTERNAL, ACME_MAIN, "198.51.100.77");

    assertThat(decision.accepted()).isFalse();
    assertThat(decision.sipCode()).isEqualTo(401);
  }

  @Test
  void carrierCallForANumberNotOursGets404() throws Exception {
    InboundRouteDecision decision = ask(EXTERNAL, PhoneNumber.ofE164("+15550009999"), CARRIER_IP);

    assertThat(decision.sipCode()).isEqualTo(404);
  }

  @Test
  void tenantPbxCallingOutIsARelayAndAForeignCallerIdGets403() throws Exception {
    InboundRouteDecision relay = ask(GLOBEX_MAIN, EXTERNAL, GLOBEX_PBX_IP);
    InboundRouteDecision spoofed = ask(ACME_MAIN, EXTERNAL, GLOBEX_PBX_IP);

    assertThat(relay.accepted()).isTrue();
    assertThat(relay.relayOut()).isTrue();
    assertThat(relay.tenantId()).isEqualTo(globex);
    assertThat(relay.t38()).isEqualTo(T38Policy.OFF);
    assertThat(spoofed.sipCode()).isEqualTo(403);
  }

  // ---------------------------------------------------------------- inbound.received

  @Test
  void receivedFaxBecomesAnInboundJobToTheNumbersEndpoints() throws Exception {
    InboundReceived fax = received(acme, EXTERNAL, GLOBEX_MAIN, true);

    JobRouted job = publishAndAwait(fax);

    assertThat(job.origin()).isEqualTo(JobOrigin.INBOUND);
    assertThat(job.tenantId()).isEqualTo(globex);
    assertThat(job.isRejected()).isFalse();
    assertThat(job.plan().endpointsInOrder().stream().map(EndpointRef::endpointId).toList())
        .containsExactly(globexHook, globexMail);
    assertThat(job.document()).isEqualTo(fax.document());
    assertThat(job.pages()).isEqualTo(2);
    assertThat(job.from()).isEqualTo(EXTERNAL);
  }

  @Test
  void faxRelayedFromATenantPbxBecomesAJobThroughTheGlobalGateways() throws Exception {
    JobRouted job = publishAndAwait(received(globex, GLOBEX_MAIN, EXTERNAL, true));

    assertThat(job.isRejected()).isFalse();
    assertThat(job.plan().endpointsInOrder().stream().map(EndpointRef::endpointId).toList())
        .containsExactly(carrierA, carrierB);
    assertThat(job.from()).isEqualTo(GLOBEX_MAIN);
    assertThat(job.to()).isEqualTo(EXTERNAL);
  }

  @Test
  void failedReceptionProducesNoJob() throws Exception {
    InboundReceived fax = received(acme, EXTERNAL, ACME_MAIN, false);
    BlockingQueue<JobRouted> answers = new LinkedBlockingQueue<>();
    routed.put(ReceivedFaxPlanner.jobIdFor(fax.callId()), answers);

    publish(fax);

    assertThat(answers.poll(2, TimeUnit.SECONDS)).isNull();
  }

  // ---------------------------------------------------------------- helpers

  private InboundRouteDecision ask(PhoneNumber caller, PhoneNumber callee, String sourceIp) throws Exception {
    InboundRouteRequest request = new InboundRouteRequest(UUID.randomUUID(), caller, "Remote", callee, null,
        "external", sourceIp);
    Envelope<InboundRouteRequest> envelope = Envelope.of(InboundRouteRequest.TYPE, InboundRouteRequest.VERSION,
        request.callId().toString(), request, Clock.systemUTC());
    String correlation = UUID.randomUUID().toString();
    BlockingQueue<InboundRouteDecision> answer = new LinkedBlockingQueue<>();
    replies.put(correlation, answer);
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
        .messageId(envelope.messageId().toString()).correlationId(correlation).replyTo(replyQueue)
        .expiration("10000").build();
    channel.basicPublish(Exchanges.FAX_COMMANDS, RoutingKeys.ROUTE_INBOUND + SUFFIX, properties, MessageJson.write(envelope));
    InboundRouteDecision decision = answer.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(decision).as("decision for %s", request.callId()).isNotNull();
    assertThat(decision.callId()).isEqualTo(request.callId());
    return decision;
  }

  private static InboundReceived received(String tenant, PhoneNumber caller, PhoneNumber callee, boolean ok) {
    UUID call = UUID.randomUUID();
    FaxResult result = ok
        ? new FaxResult(true, 0, "OK", 2, 2, HangupCause.NORMAL_CLEARING, "REMOTE", "LOCAL", 14400, true,
            T38Status.OFF, 0, 1, List.of())
        : FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "no fax");
    return new InboundReceived(call, tenant, caller, callee, "external",
        ok ? DocumentRef.tiff("inbound/it/" + call + ".tif") : null, result, Instant.now());
  }

  private JobRouted publishAndAwait(InboundReceived fax) throws Exception {
    BlockingQueue<JobRouted> answers = new LinkedBlockingQueue<>();
    routed.put(ReceivedFaxPlanner.jobIdFor(fax.callId()), answers);
    publish(fax);
    JobRouted job = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(job).as("job.routed for call %s", fax.callId()).isNotNull();
    return job;
  }

  private void publish(InboundReceived fax) throws Exception {
    Envelope<InboundReceived> envelope = Envelope.of(InboundReceived.TYPE, InboundReceived.VERSION,
        fax.callId().toString(), fax, Clock.systemUTC());
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
        .messageId(envelope.messageId().toString()).deliveryMode(2).build();
    channel.basicPublish(Exchanges.FAX_EVENTS, RoutingKeys.INBOUND_RECEIVED + SUFFIX, properties, MessageJson.write(envelope));
  }

  private void insertDirectory() throws SQLException {
    acme = insert("INSERT INTO directory.tenant (name) VALUES ('ACME') RETURNING id");
    globex = insert("INSERT INTO directory.tenant (name) VALUES ('Globex') RETURNING id");
    insert("INSERT INTO directory.tenant_number (tenant_id, number, ident) VALUES (" + acme + ", '"
        + ACME_MAIN + "', 'ACME FAX') RETURNING id");
    String globexMain = insert("INSERT INTO directory.tenant_number (tenant_id, number) VALUES ("
        + globex + ", '" + GLOBEX_MAIN + "') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, tenant_id, type, priority, gateway_name, allowed_sources,"
        + " t38_policy) VALUES ('TENANT', " + globex + ", 'GATEWAY', 1, 'globex-pbx', '{" + GLOBEX_PBX_IP
        + "/32}', 'OFF') RETURNING id");
    globexHook = insert("INSERT INTO directory.endpoint (scope, tenant_id, number_id, type, priority,"
        + " webhook_url, payload_style) VALUES ('NUMBER', " + globex + ", " + globexMain
        + ", 'WEBHOOK', 5, 'https://globex.example/fax', 'JSON') RETURNING id");
    globexMail = insert("INSERT INTO directory.endpoint (scope, tenant_id, number_id, type, priority,"
        + " last_resort, email_addresses) VALUES ('NUMBER', " + globex + ", " + globexMain
        + ", 'EMAIL', 0, true, '{fax@globex.example}') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, type, priority, source_only, gateway_name, allowed_sources,"
        + " t38_policy) VALUES ('GLOBAL', 'GATEWAY', 0, true, 'carrier-in', '{203.0.113.0/24}', 'REQUEST')"
        + " RETURNING id");
    carrierB = insert("INSERT INTO directory.endpoint (scope, type, priority, gateway_name, allowed_sources)"
        + " VALUES ('GLOBAL', 'GATEWAY', 20, 'carrier-b', '{}') RETURNING id");
    carrierA = insert("INSERT INTO directory.endpoint (scope, type, priority, gateway_name, allowed_sources)"
        + " VALUES ('GLOBAL', 'GATEWAY', 10, 'carrier-a', '{}') RETURNING id");
  }

  private String insert(String sql) throws SQLException {
    try (java.sql.Connection db = database(); PreparedStatement statement = db.prepareStatement(sql);
         ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    }
  }

  private java.sql.Connection database() throws SQLException {
    return DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
        environment.getRequiredProperty("spring.datasource.username"),
        environment.getRequiredProperty("spring.datasource.password"));
  }
}
