package org.faxserver.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole product in one JVM as a new user starts it: embedded PostgreSQL and broker in a fresh data
 * directory, sandbox mode; a 1-page PDF sent through {@code POST /fax/send} with the printed sandbox
 * credentials reaches SUCCEEDED; after a stop and a start on the same data directory the job is still there
 * and the same credentials still work; with the scripted far end (the fallback without libspandsp-dev) a
 * second fax succeeds too.
 */
class StandaloneSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ConfigurableApplicationContext running;

  @TempDir
  Path data;

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  private Standalone start(String sandboxFax) {
    running = StandaloneApplication.start("--sandbox", "--faxserver.standalone.data-dir=" + data,
        "--faxserver.standalone.sandbox-fax=" + sandboxFax,
        "--server.port=0", "--faxserver.outbox.poll-interval=100ms", "--faxserver.queue.scheduler.poll-interval=200ms",
        "--logging.level.org.faxserver=INFO");
    return running.getBean(Standalone.class);
  }

  @Test
  void aFaxSentInTheSandboxSucceedsAndSurvivesARestart() throws Exception {
    Standalone standalone = start("auto");
    Sandbox.Account account = standalone.sandboxAccount();
    assertThat(account).isNotNull();
    assertThat(Files.exists(account.samplePdf())).isTrue();

    HttpResponse<String> sent = send(standalone.apiPort(), account, Files.readAllBytes(account.samplePdf()));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String jobId = JSON.readTree(sent.body()).path("job_id").asText();

    JsonNode job = awaitFinal(standalone.apiPort(), account, jobId, Duration.ofSeconds(120));
    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.path("pages_sent").asInt()).isEqualTo(1);

    // Its receipt reached the sandbox's receipt receiver.
    Path receipts = standalone.dataDirectory().resolve("sandbox").resolve("receipts");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      try (var files = Files.list(receipts)) {
        return files.anyMatch(f -> f.getFileName().toString().contains("fax.sent"));
      }
    });
    try (var files = Files.list(receipts)) {
      Path receipt = files.filter(f -> f.getFileName().toString().contains("fax.sent")).findFirst().orElseThrow();
      assertThat(Files.readString(receipt)).contains(jobId);
    }

    // The fax is in esl-gateway's metrics, on its own Actuator port.
    HttpResponse<String> metrics = get(standalone.servicePort("esl-gateway"), "/actuator/prometheus", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).containsPattern("faxserver_faxes_total\\{[^}]*direction=\"sent\"[^}]*result=\"success\"");
    assertThat(metrics.body()).contains("faxserver_calls_active");

    HttpResponse<String> health = get(standalone.apiPort(), "/actuator/health", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("components").path("services").path("components")
        .path("esl-gateway").path("status").asText()).isEqualTo("UP");

    running.close();
    running = null;

    // Again on the same data directory, now with the fallback used when libspandsp-dev is missing.
    Standalone again = start("scripted");
    assertThat(again.sandboxAccount().password()).isEqualTo(account.password());
    HttpResponse<String> after = get(again.apiPort(), "/fax/jobs/" + jobId, again.sandboxAccount());
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(JSON.readTree(after.body()).path("status").asText()).isEqualTo("SUCCEEDED");

    HttpResponse<String> second = send(again.apiPort(), account, Files.readAllBytes(account.samplePdf()));
    assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
    JsonNode scripted = awaitFinal(again.apiPort(), account, JSON.readTree(second.body()).path("job_id").asText(),
        Duration.ofSeconds(120));
    assertThat(scripted.path("status").asText()).as(scripted.toString()).isEqualTo("SUCCEEDED");
  }

  private JsonNode awaitFinal(int port, Sandbox.Account account, String jobId, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      HttpResponse<String> r = get(port, "/fax/jobs/" + jobId, account);
      if (r.statusCode() == 200) {
        last = JSON.readTree(r.body());
        String status = last.path("status").asText();
        if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("job " + jobId + " not final after " + timeout + "; last " + last);
  }

  private HttpResponse<String> get(int port, String path, Sandbox.Account account) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).GET();
    if (account != null) {
      b.header("Authorization", basic(account));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(int port, Sandbox.Account account, byte[] pdf) throws Exception {
    String boundary = "----standalone" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, boundary, "from", account.fromNumber());
    field(body, boundary, "to", account.testNumber());
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sample.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(pdf);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fax/send"))
        .timeout(Duration.ofSeconds(60)).header("Authorization", basic(account))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void field(ByteArrayOutputStream body, String boundary, String name, String value) throws IOException {
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static String basic(Sandbox.Account account) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (account.username() + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
  }
}
