package org.faxserver.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Loki appender pushes to a real local HTTP server standing in for Loki's push endpoint. */
class LokiLoggingTest {
    private static final Logger log = LoggerFactory.getLogger(LokiLoggingTest.class);
    private final CopyOnWriteArrayList<String> pushes = new CopyOnWriteArrayList<>();
    private HttpServer loki;

    @BeforeEach
    void startLoki() throws IOException {
        loki = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        loki.createContext("/loki/api/v1/push", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            pushes.add(decode(body, encoding));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        loki.start();
    }

    @AfterEach
    void stopLoki() {
        loki.stop(0);
    }

    @Test
    void logLinesArePushedWithServiceLabelAndJobId() {
        String url = "http://127.0.0.1:" + loki.getAddress().getPort() + "/loki/api/v1/push";
        LokiProperties props = props(url);
        String marker = "loki-test-" + UUID.randomUUID();
        try (LokiLogging ignored = new LokiLogging(props, "fax-queue");
             JobLogContext job = JobLogContext.of("job-4711")) {
            log.info("attempt finished {}", marker);
            await().atMost(Duration.ofSeconds(20)).until(() -> pushes.stream().anyMatch(p -> p.contains(marker)));
        }
        String push = pushes.stream().filter(p -> p.contains(marker)).findFirst().orElseThrow();
        assertThat(push).contains("\"service\":\"fax-queue\"").contains("\"env\":\"test\"").contains("job-4711");
    }

    @Test
    void aSecondContextInTheSameJvmDoesNotAttachASecondAppender() {
        String url = "http://127.0.0.1:" + loki.getAddress().getPort() + "/loki/api/v1/push";
        String marker = "loki-once-" + UUID.randomUUID();
        try (LokiLogging first = new LokiLogging(props(url), "fax-queue");
             LokiLogging second = new LokiLogging(props(url), "fax-router")) {
            log.info("once {}", marker);
            await().atMost(Duration.ofSeconds(20)).until(() -> pushes.stream().anyMatch(p -> p.contains(marker)));
        }
        String all = String.join("\n", pushes);
        assertThat(all.split(marker, -1)).hasSize(2);
        assertThat(all).doesNotContain("\"service\":\"fax-router\"");
    }

    @Test
    void closingDoesNotWaitForALokiThatNeverAnswers() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/loki/api/v1/push";
            LokiLogging logging = new LokiLogging(props(url), "fax-queue");
            for (int i = 0; i < 1000; i++) {
                log.info("line {} for a Loki that never answers", i);
            }
            // Liveness, not speed: loki4j's default drain-on-stop would block here indefinitely.
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), logging::close);
        }
    }

    private static LokiProperties props(String url) {
        return new LokiProperties(true, url, "", "", "", "env=test", 10, Duration.ofMillis(100), 1_000_000,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private static String decode(byte[] body, String encoding) {
        try (InputStream in = "gzip".equalsIgnoreCase(encoding)
                ? new GZIPInputStream(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
