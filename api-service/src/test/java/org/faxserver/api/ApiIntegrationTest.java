package org.faxserver.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.faxserver.testkit.infra.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
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
        // Graceful shutdown waits for the test client's pooled connections and would hold up JVM exit
        // past surefire's 30 s limit; the tests do not exercise shutdown.
        "server.shutdown=immediate"})
public abstract class ApiIntegrationTest {
    protected static final String ADMIN_KEY = "test-admin-key-0123456789";
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

    @Autowired
    protected WebTestClient client;

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
