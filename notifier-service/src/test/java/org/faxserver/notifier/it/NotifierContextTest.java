package org.faxserver.notifier.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.notifier.NotifierApplication;
import org.faxserver.notifier.config.NotifierNames;
import org.faxserver.notifier.support.TestBroker;
import org.faxserver.notifier.support.WebhookReceiver;
import org.faxserver.support.Topology;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.RabbitBroker;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One real notifier-service context for the integration tests: a fresh PostgreSQL database (with
 * api-service's directory migration applied, as fax-router's test does), the shared RabbitMQ with
 * queues under a unique service name, GreenMail as the SMTP server and a local HTTP receiver for
 * webhooks. Short retry schedules; the private-address guard is off for the local receiver.
 */
@SpringBootTest(
    classes = NotifierApplication.class,
    properties = {
      "faxserver.notifier.worker.poll-interval=100ms",
      "faxserver.notifier.retry.document-schedule=1s,1s",
      "faxserver.notifier.retry.receipt-schedule=1s",
      "faxserver.notifier.webhook.refuse-private-addresses=false",
      "faxserver.notifier.webhook.receipt-signing-secret=receipt-secret-for-tests",
      "faxserver.notifier.email.from=fax@faxserver.test",
      "faxserver.outbox.poll-interval=50ms",
      "faxserver.messaging.max-deliveries=2",
      "faxserver.messaging.retry-interval=10ms"
    })
abstract class NotifierContextTest {

  static final Path DIRECTORY_MIGRATION =
      Path.of("../api-service/src/main/resources/db/migration/V1__directory_and_outbox.sql");
  static final String SERVICE = "notifier-test-" + UUID.randomUUID().toString().substring(0, 8);
  static final String SIGNING_SECRET = "endpoint-signing-secret-0123456789";

  static GreenMail mail;
  static WebhookReceiver receiver;
  static TestBroker broker;
  static Path documents;
  static PostgresDatabase database;

  // Directory rows made before the context starts.
  static String tenantId;
  static String jsonHookId;
  static String multipartHookId;
  static PhoneNumber plainNumber;
  static PhoneNumber hookedNumber;

  @Autowired NotifierNames names;
  @Autowired DatabaseClient db;

  @DynamicPropertySource
  static synchronized void infra(DynamicPropertyRegistry r) throws Exception {
    start();
    r.add("spring.r2dbc.url", database::r2dbcUrl);
    r.add("spring.r2dbc.username", database::username);
    r.add("spring.r2dbc.password", database::password);
    r.add("spring.flyway.url", database::jdbcUrl);
    r.add("spring.flyway.user", database::username);
    r.add("spring.flyway.password", database::password);
    RabbitBroker rabbit = TestInfrastructure.get().rabbit();
    r.add("spring.rabbitmq.host", rabbit::host);
    r.add("spring.rabbitmq.port", rabbit::port);
    r.add("spring.rabbitmq.username", rabbit::username);
    r.add("spring.rabbitmq.password", rabbit::password);
    r.add("spring.mail.host", () -> "127.0.0.1");
    r.add("spring.mail.port", () -> mail.getSmtp().getPort());
    r.add("faxserver.messaging.service", () -> SERVICE);
    r.add("faxserver.documents.root", documents::toString);
  }

  private static void start() throws Exception {
    if (database != null) {
      return;
    }
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    receiver = new WebhookReceiver();
    documents = Files.createTempDirectory("notifier-docs");
    database = TestInfrastructure.get().newDatabase("notifier");
    createDirectory();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      mail.stop();
      receiver.close();
      if (broker != null) {
        NotifierNames n = new NotifierNames(SERVICE);
        broker.deleteQueues(n.all().stream()
            .flatMap(q -> java.util.stream.Stream.of(q, Topology.parkingQueueName(q))).toList());
        broker.close();
      }
    }));
  }

  private static void createDirectory() throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
         Statement s = c.createStatement()) {
      s.execute(Files.readString(DIRECTORY_MIGRATION));
      tenantId = insert(c, "INSERT INTO directory.tenant (name, notify) VALUES ('Acme', "
          + "'email_full->a@acme.test;b@acme.test, email_full_failure->ops@acme.test') RETURNING id");
      plainNumber = aUniqueNumber();
      hookedNumber = aUniqueNumber();
      insert(c, "INSERT INTO directory.tenant_number (tenant_id, number) VALUES (" + tenantId + ", '"
          + plainNumber.e164() + "') RETURNING id");
      insert(c, "INSERT INTO directory.tenant_number (tenant_id, number, notify) VALUES (" + tenantId + ", '"
          + hookedNumber.e164() + "', 'webhook->" + receiver.url("/receipt") + "') RETURNING id");
      jsonHookId = insert(c, "INSERT INTO directory.endpoint (scope, tenant_id, type, priority, webhook_url, "
          + "signing_secret, payload_style) VALUES ('TENANT', " + tenantId + ", 'WEBHOOK', 1, '"
          + receiver.url("/hook") + "', '" + SIGNING_SECRET + "', 'JSON') RETURNING id");
      multipartHookId = insert(c, "INSERT INTO directory.endpoint (scope, tenant_id, type, priority, webhook_url, "
          + "signing_secret, payload_style) VALUES ('TENANT', " + tenantId + ", 'WEBHOOK', 2, '"
          + receiver.url("/form") + "', '" + SIGNING_SECRET + "', 'MULTIPART') RETURNING id");
    }
  }

  private static String insert(Connection c, String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
      rs.next();
      return Long.toString(rs.getLong(1));
    }
  }

  @BeforeAll
  static synchronized void broker() {
    if (broker == null) {
      broker = new TestBroker();
    }
  }

  static PhoneNumber aUniqueNumber() {
    return PhoneNumber.ofE164("+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999)));
  }

  /** A real TIFF-F of {@code pages} pages in the document store. */
  static DocumentRef aFax(int pages) {
    String key = "t" + tenantId + "/" + UUID.randomUUID() + ".tif";
    try {
      Files.createDirectories(documents.resolve(key).getParent());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    TestFaxDocuments.create(documents.resolve(key), pages);
    return DocumentRef.tiff(key);
  }

  void send(String queue, String type, Object payload, UUID jobId) {
    broker.sendTo(queue, Envelope.of(type, 1, jobId.toString(), payload, Clock.systemUTC()));
  }

  String status(UUID deliveryId) {
    return db.sql("SELECT status FROM notify.delivery_view WHERE delivery_id = :id").bind("id", deliveryId)
        .map(row -> row.get("status", String.class)).one().block();
  }
}
