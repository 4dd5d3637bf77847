package org.faxserver.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.faxserver.systemtest.FaxSystem.Tenant;
import org.faxserver.testkit.freeswitch.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant send API end to end: {@code POST /fax/send} (multipart {@code from}, {@code to}, {@code file},
 * optional {@code Idempotency-Key}) and {@code GET /fax/jobs/{id}}, as the tenant with its API key, through
 * the whole pipeline to the stand-in.
 */
class TenantApiEndToEndTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_PAGES = 4;
  static FaxSystem system;
  static Tenant acme;
  static Tenant globex;

  @BeforeAll
  static void start() {
    system = FaxSystem.start(FaxSystem.options().api("faxserver.documents.max-pages", MAX_PAGES));
    acme = system.createTenant("acme", "+12125550100");
    globex = system.createTenant("globex", "+12125550200");
    system.createGlobalGateway("gw1", 10);
    system.settleDirectory();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String jobId(HttpResponse<String> r) {
    JsonNode n = json(r);
    return n.get("job_id").asText();
  }

  @Test
  void aPdfSentThroughTheApiIsFaxedAndItsStatusIsFinal() {
    String to = "+16465559001";
    system.standIn().scenario("16465559001", Scenario.success());

    HttpResponse<String> sent = system.sendThroughApi(acme, to, Documents.pdf(3), "application/pdf", null);
    assertThat(sent.statusCode()).as(sent.body()).isIn(201, 202);
    String id = jobId(sent);

    FaxSystem.await("final status through the API", Duration.ofSeconds(60), () -> {
      String status = json(system.jobThroughApi(acme, id)).path("status").asText();
      return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
    });
    JsonNode job = json(system.jobThroughApi(acme, id));
    assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(system.calls().to(to)).hasSize(1);
    assertThat(system.job(UUID.fromString(id)).pagesSent()).isEqualTo(3);
  }

  @Test
  void theSameIdempotencyKeyTwiceGivesOneJob() {
    String to = "+16465559002";
    system.standIn().scenario("16465559002", Scenario.success());
    String key = "idem-" + UUID.randomUUID();
    byte[] pdf = Documents.pdf(1); // the same bytes both times: the key is bound to the request's hash

    HttpResponse<String> first = system.sendThroughApi(acme, to, pdf, "application/pdf", key);
    HttpResponse<String> second = system.sendThroughApi(acme, to, pdf, "application/pdf", key);

    assertThat(first.statusCode()).as(first.body()).isIn(201, 202);
    assertThat(second.statusCode()).as(second.body()).isIn(200, 201, 202);
    assertThat(jobId(second)).isEqualTo(jobId(first));
    system.awaitFinal(UUID.fromString(jobId(first)), Duration.ofSeconds(60));
    FaxSystem.sleep(2000);
    assertThat(system.calls().to(to)).as("one job, so one call").hasSize(1);
    Integer jobs = system.query("SELECT count(*) FROM queue.job WHERE to_number = '" + to + "'",
        rs -> rs.next() ? rs.getInt(1) : 0);
    assertThat(jobs).isEqualTo(1);
    // the same key with another document is a conflict, not a second job
    HttpResponse<String> other = system.sendThroughApi(acme, to, Documents.pdf(2), "application/pdf", key);
    assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
  }

  @Test
  void anotherTenantsJobIsNotFound() {
    HttpResponse<String> sent = system.sendThroughApi(acme, "+16465559003", Documents.pdf(1), "application/pdf", null);
    assertThat(sent.statusCode()).as(sent.body()).isIn(201, 202);

    assertThat(system.jobThroughApi(globex, jobId(sent)).statusCode()).isEqualTo(404);
    assertThat(system.jobThroughApi(acme, jobId(sent)).statusCode()).isEqualTo(200);
  }

  @Test
  void aCorruptPdfIsUnprocessable() {
    HttpResponse<String> sent = system.sendThroughApi(acme, "+16465559004", Documents.corruptPdf(),
        "application/pdf", null);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(422);
    assertThat(system.calls().to("+16465559004")).isEmpty();
  }

  @Test
  void anUnknownFromNumberIsUnprocessable() {
    Tenant impostor = new Tenant(acme.id(), acme.name(), "+12125550999", acme.username(), acme.password(),
        acme.apiKey());
    HttpResponse<String> sent = system.sendThroughApi(impostor, "+16465559005", Documents.pdf(1), "application/pdf",
        null);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(422);
    // another tenant's number is unknown to this tenant too
    Tenant borrowing = new Tenant(acme.id(), acme.name(), globex.from(), acme.username(), acme.password(),
        acme.apiKey());
    assertThat(system.sendThroughApi(borrowing, "+16465559005", Documents.pdf(1), "application/pdf", null)
        .statusCode()).isEqualTo(422);
  }

  @Test
  void tooManyPagesAreRefused() {
    HttpResponse<String> sent = system.sendThroughApi(acme, "+16465559006", Documents.pdf(MAX_PAGES + 1),
        "application/pdf", null);
    assertThat(sent.statusCode()).as(sent.body()).isIn(413, 422);
    assertThat(sent.body()).contains("TOO_MANY_PAGES");
    assertThat(system.calls().to("+16465559006")).isEmpty();
  }

  @Test
  void cancelThroughTheApiStopsAJobWithACallInProgress() {
    String to = "+16465559007";
    system.standIn().scenario("16465559007", Scenario.slowAnswer(Duration.ofSeconds(20)));
    HttpResponse<String> sent = system.sendThroughApi(acme, to, Documents.pdf(1), "application/pdf", null);
    assertThat(sent.statusCode()).as(sent.body()).isIn(201, 202);
    String id = jobId(sent);
    var call = system.calls().await(to, 1, Duration.ofSeconds(30));

    HttpResponse<String> cancelled = system.cancelThroughApi(acme, id);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isIn(200, 202);

    assertThat(system.awaitFinal(UUID.fromString(id), Duration.ofSeconds(30)).status()).isEqualTo("CANCELLED");
    system.calls().awaitEnded(call, Duration.ofSeconds(20));
    FaxSystem.sleep(2000);
    assertThat(system.calls().to(to)).hasSize(1);
    assertThat(json(system.jobThroughApi(acme, id)).path("status").asText()).isEqualTo("CANCELLED");
  }
}
