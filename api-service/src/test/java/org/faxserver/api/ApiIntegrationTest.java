package org.faxserver.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.faxserver.testkit.infra.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * Shared set-up of every integration test: one Spring context (cached across test classes, so keep
 * the configuration here and identical) on a fresh database and the real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "faxserver.security.admin-api-key=" + ApiIntegrationTest.ADMIN_KEY,
        "faxserver.security.bcrypt-strength=4",
        "faxserver.security.auth-throttle.max-failures=3",
        "faxserver.security.auth-throttle.lockout=10m",
        "faxserver.security.auth-throttle.max-failures-per-address=10000",
        "faxserver.web.max-request-body-size=64KB",
        "faxserver.web.max-page-size=100",
        "faxserver.outbox.poll-interval=100ms",
        "faxserver.outbox.retry-backoff=200ms",
        // Small limits, so the limit tests need only small documents.
        "faxserver.documents.max-upload-bytes=2MB",
        "faxserver.documents.max-pages=5",
        "faxserver.documents.max-files=3",
        "faxserver.events.heartbeat=300ms",
        "faxserver.events.unbind-after=200ms",
        // Graceful shutdown waits for the test client's pooled connections and would hold up JVM exit
        // past surefire's 30 s limit; the tests do not exercise shutdown.
        "server.shutdown=immediate"})
public abstract class ApiIntegrationTest {
    /** At least 32 characters: a shorter admin key stops the service at start-up. */
    protected static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghijkl";
    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final AtomicInteger SEQ = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

    /** Document store and upload temp files of the shared context, removed when the JVM exits. */
    protected static final Path DOCUMENTS = tempDirectory("faxserver-documents-");
    protected static final Path UPLOADS = tempDirectory("faxserver-uploads-");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerSpringProperties(registry);
        registry.add("faxserver.documents.root", DOCUMENTS::toString);
        registry.add("faxserver.documents.upload-temp-dir", UPLOADS::toString);
        registry.add("faxserver.inbox.queue", () -> INBOX_QUEUE);
        registry.add("faxserver.receipts.signing-secret", () -> RECEIPT_SIGNING_SECRET);
    }

    /** The server's receipt signing secret in the shared context. */
    protected static final String RECEIPT_SIGNING_SECRET = "receipt-signing-secret-for-api-tests";

    /**
     * This JVM's own archive queue on the shared broker: other modules' tests publish inbound.received
     * too. Deleted (with its parking queue) when the JVM exits, so no durable queue is left behind.
     */
    protected static final String INBOX_QUEUE = "api-service-test-" + UUID.randomUUID() + ".inbound.received";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var connection = TestInfrastructure.get().rabbit().newConnection();
                 var channel = connection.createChannel()) {
                channel.queueDelete(INBOX_QUEUE);
                channel.queueDelete(INBOX_QUEUE + ".parking");
            } catch (Exception e) {
                // Best effort: a leftover test queue holds no production data.
            }
        }));
    }

    private static Path tempDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(dir.toFile())));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Path QUEUE_MIGRATION = Path.of("../fax-queue/src/main/resources/db/migration/V1__queue.sql");
    private static final Path NOTIFY_MIGRATION = Path.of("../notifier-service/src/main/resources/db/migration/V1__notify.sql");

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected Environment env;

    /**
     * fax-queue's schema (its own V1 migration), created once per test database, for tests that read
     * fax-queue's published contract; api-service never writes it.
     */
    protected void ensureQueueSchema() throws Exception {
        createSchemaOnce(env, "queue", "queue.job_view", QUEUE_MIGRATION);
    }

    /** notifier-service's schema (its own V1 migration), for tests that read {@code notify.delivery_view}. */
    protected void ensureNotifySchema() throws Exception {
        createSchemaOnce(env, "notify", "notify.delivery_view", NOTIFY_MIGRATION);
    }

    private static synchronized void createSchemaOnce(Environment env, String schema, String probe, Path migration)
            throws Exception {
        try (Connection c = DriverManager.getConnection(env.getRequiredProperty("spring.flyway.url"),
                env.getRequiredProperty("spring.flyway.user"), env.getRequiredProperty("spring.flyway.password"));
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + probe + "') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute(Files.readString(migration));
        }
    }

    @Autowired
    protected DatabaseClient db;

    /** A client authenticated as admin (HTTP Basic, username ignored as in the seed). */
    protected WebTestClient admin() {
        return client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, basic("admin", ADMIN_KEY)).build();
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A unique suffix, so tests sharing the context's database never collide. */
    protected static int unique() {
        return SEQ.incrementAndGet();
    }

    /** A unique US test number (555 exchange) in national format. */
    protected static String uniqueNationalNumber() {
        return String.format("212555%04d", unique() % 10_000);
    }

    protected Map<String, Object> post(String path, Object body) {
        return admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    protected long createTenant() {
        return id(post("/admin/tenant", Map.of("name", "tenant " + unique())));
    }

    protected long createNumber(long tenantId) {
        return id(post("/admin/number", Map.of("tenant_id", tenantId, "number", uniqueE164())));
    }

    /** A unique US test number (555 exchange) in E.164; distinct for 10,000 calls per test run. */
    protected static String uniqueE164() {
        return "+1" + uniqueNationalNumber();
    }

    protected static long id(Map<String, Object> json) {
        return ((Number) json.get("id")).longValue();
    }
}
