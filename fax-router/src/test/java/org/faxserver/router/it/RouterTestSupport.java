package org.faxserver.router.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.springframework.context.Lifecycle;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the integration tests share: the directory schema (api-service's own migration) in the test's
 * fresh database, a connection to the shared broker, and the {@code job.routed} messages of the
 * test's own job ids (the broker is shared, so only those count).
 */
final class RouterTestSupport {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String GLOBEX_PBX_IP = "10.0.0.12";

  private static final Path DIRECTORY_MIGRATION =
      Path.of("../api-service/src/main/resources/db/migration/V1__directory_and_outbox.sql");

  /** This run's queues and binding keys: other routers on the shared broker never see its messages. */
  record Run(String service, String suffix) {

    static Run random() {
      String id = UUID.randomUUID().toString().substring(0, 8);
      return new Run("fax-router-test-" + id, ".test-" + id);
    }

    void register(DynamicPropertyRegistry r) {
      TestInfrastructure.registerSpringProperties(r);
      r.add("faxserver.messaging.retry-pause", () -> "100ms");
      r.add("faxserver.messaging.service", () -> service);
      r.add("faxserver.messaging.binding-suffix", () -> suffix);
    }
  }

  private final Run run;
  private final Environment environment;
  private final Map<UUID, BlockingQueue<JobRouted>> routed = new ConcurrentHashMap<>();
  private Connection amqp;
  private Channel channel;

  RouterTestSupport(Run run, Environment environment) {
    this.run = run;
    this.environment = environment;
  }

  /** Creates the directory schema, then connects to the broker and listens for {@code job.routed}. */
  void start() throws Exception {
    try (java.sql.Connection db = database(); Statement statement = db.createStatement()) {
      statement.execute(Files.readString(DIRECTORY_MIGRATION));
    }
    amqp = TestInfrastructure.get().rabbit().newConnection();
    channel = amqp.createChannel();
    channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
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
        // Not ours to judge: the broker is shared.
      }
    }, tag -> { });
  }

  /** Stops the router's consumers (else they declare the queues again), then removes this run's queues. */
  void stop(List<? extends Lifecycle> containers) throws IOException {
    if (amqp != null) {
      containers.forEach(Lifecycle::stop);
      deleteQueues();
      amqp.close();
    }
  }

  Connection amqp() {
    return amqp;
  }

  Channel channel() {
    return channel;
  }

  /** Where the {@code job.routed} messages for this job id arrive from now on. */
  BlockingQueue<JobRouted> expectRouted(UUID jobId) {
    BlockingQueue<JobRouted> answers = new LinkedBlockingQueue<>();
    routed.put(jobId, answers);
    return answers;
  }

  /** Publishes a persistent JSON message, as the other services do. */
  void publish(String exchange, String routingKey, Envelope<?> envelope) throws IOException {
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .messageId(envelope.messageId().toString())
        .deliveryMode(2)
        .build();
    channel.basicPublish(exchange, routingKey, properties, MessageJson.write(envelope));
  }

  /** The ids of the directory {@link #insertDirectory} creates. */
  record TestDirectory(String acme, String globex, String carrierA, String carrierB, String globexHook,
      String globexMail) {}

  /**
   * Tenants ACME (number {@code acmeMain}, ident "ACME FAX") and Globex ({@code globexMain}, a webhook
   * and a last-resort email on it, a PBX at {@link #GLOBEX_PBX_IP} without T.38); globally a source-only
   * inbound carrier for 203.0.113.0/24 (T.38 requested), carrier-a (priority 10), carrier-b (20) and a
   * disabled carrier-off (5).
   */
  TestDirectory insertDirectory(PhoneNumber acmeMain, PhoneNumber globexMain) throws SQLException {
    String acme = insert("INSERT INTO directory.tenant (name) VALUES ('ACME') RETURNING id");
    String globex = insert("INSERT INTO directory.tenant (name) VALUES ('Globex') RETURNING id");
    insert("INSERT INTO directory.tenant_number (tenant_id, number, ident) VALUES (" + acme + ", '"
        + acmeMain + "', 'ACME FAX') RETURNING id");
    String globexNumber = insert("INSERT INTO directory.tenant_number (tenant_id, number) VALUES ("
        + globex + ", '" + globexMain + "') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, tenant_id, type, priority, gateway_name, allowed_sources,"
        + " t38_policy) VALUES ('TENANT', " + globex + ", 'GATEWAY', 1, 'globex-pbx', '{" + GLOBEX_PBX_IP
        + "/32}', 'OFF') RETURNING id");
    String globexHook = insert("INSERT INTO directory.endpoint (scope, tenant_id, number_id, type, priority,"
        + " webhook_url, payload_style) VALUES ('NUMBER', " + globex + ", " + globexNumber
        + ", 'WEBHOOK', 5, 'https://globex.example/fax', 'JSON') RETURNING id");
    String globexMail = insert("INSERT INTO directory.endpoint (scope, tenant_id, number_id, type, priority,"
        + " last_resort, email_addresses) VALUES ('NUMBER', " + globex + ", " + globexNumber
        + ", 'EMAIL', 0, true, '{fax@globex.example,ops@globex.example}') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, type, priority, source_only, gateway_name, allowed_sources,"
        + " t38_policy) VALUES ('GLOBAL', 'GATEWAY', 0, true, 'carrier-in', '{203.0.113.0/24}', 'REQUEST')"
        + " RETURNING id");
    String carrierB = insert("INSERT INTO directory.endpoint (scope, type, priority, gateway_name,"
        + " allowed_sources) VALUES ('GLOBAL', 'GATEWAY', 20, 'carrier-b', '{}') RETURNING id");
    String carrierA = insert("INSERT INTO directory.endpoint (scope, type, priority, gateway_name,"
        + " allowed_sources) VALUES ('GLOBAL', 'GATEWAY', 10, 'carrier-a', '{2001:db8::/32}') RETURNING id");
    insert("INSERT INTO directory.endpoint (scope, type, priority, enabled, gateway_name, allowed_sources)"
        + " VALUES ('GLOBAL', 'GATEWAY', 5, false, 'carrier-off', '{}') RETURNING id");
    return new TestDirectory(acme, globex, carrierA, carrierB, globexHook, globexMail);
  }

  /** Runs an {@code INSERT ... RETURNING id} and returns the id. */
  String insert(String sql) throws SQLException {
    try (java.sql.Connection db = database(); PreparedStatement statement = db.prepareStatement(sql);
         ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Runs an update that must change exactly one row. */
  void update(String sql) throws SQLException {
    try (java.sql.Connection db = database(); Statement statement = db.createStatement()) {
      assertThat(statement.executeUpdate(sql)).isEqualTo(1);
    }
  }

  private java.sql.Connection database() throws SQLException {
    return DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
        environment.getRequiredProperty("spring.datasource.username"),
        environment.getRequiredProperty("spring.datasource.password"));
  }

  /** Best effort: a leftover test queue harms nobody. */
  private void deleteQueues() {
    for (String key : List.of(RoutingKeys.JOB_SUBMITTED, RoutingKeys.ROUTE_INBOUND, RoutingKeys.INBOUND_RECEIVED)) {
      for (String name : List.of(run.service() + "." + key, run.service() + "." + key + ".parking")) {
        try (Channel deleting = amqp.createChannel()) {
          deleting.queueDelete(name);
        } catch (Exception e) {
          // a leftover test queue harms nobody
        }
      }
    }
  }
}
