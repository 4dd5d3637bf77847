package org.faxserver.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.delivery.DeliverEmail;
import org.faxserver.model.delivery.DeliverWebhook;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.notifier.support.WebhookReceiver;
import org.faxserver.notifier.webhook.WebhookSignature;
import org.faxserver.support.PeriodicCounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** fax-queue's deliver.* commands in, documents out by email and webhook, delivery.finished back. */
class DocumentDeliveryIntegrationTest extends NotifierContextTest {

  @Autowired MeterRegistry meters;
  @Autowired PeriodicCounts deliveryBacklog;

  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anEmailDeliveryMailsTheFaxAsPdfAndReportsSuccess() throws Exception {
    UUID jobId = UUID.randomUUID();
    UUID attemptId = UUID.randomUUID();
    String to = "inbox-" + attemptId + "@acme.test";
    send(names.deliverEmail(), DeliverEmail.TYPE, new DeliverEmail(attemptId, jobId, tenantId, "ep-mail",
        List.of(to), aFax(2), plainNumber, hookedNumber, 2, Map.of("crm", "42")), jobId);

    MimeMessage message = await().atMost(WAIT).until(() -> mailTo(to), m -> m != null);
    DeliveryFinished finished = awaitFinished(jobId);

    assertThat(message.getSubject()).isEqualTo("Fax from " + plainNumber.e164() + " to " + hookedNumber.e164()
        + " (2 pages)");
    assertThat(message.getHeader("Date")).isNotNull();
    assertThat(message.getMessageID()).isEqualTo("<" + attemptId + "@faxserver.test>");
    assertThat(message.getFrom()[0].toString()).contains("fax@faxserver.test");
    BodyPart pdf = attachments(message).get(0);
    assertThat(pdf.getContentType()).startsWith("application/pdf");
    assertThat(pdf.getFileName()).isEqualTo("fax-" + jobId + ".pdf");
    assertThat(new String(pdf.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(finished).isEqualTo(DeliveryFinished.delivered(attemptId, jobId, "ep-mail", EndpointKind.EMAIL, null));
    assertThat(status(attemptId)).isEqualTo("DELIVERED");
  }

  @Test
  void aWebhookDeliveryIsSignedWithTheEndpointsSecret() throws Exception {
    UUID jobId = UUID.randomUUID();
    UUID attemptId = UUID.randomUUID();
    send(names.deliverWebhook(), DeliverWebhook.TYPE, new DeliverWebhook(attemptId, jobId, tenantId, jsonHookId,
        receiver.url("/hook"), aFax(1), plainNumber, hookedNumber, 1, Map.of("crm", "42")), jobId);

    DeliveryFinished finished = awaitFinished(jobId);
    WebhookReceiver.Request request = only(receiver.requests("/hook"), attemptId);

    long timestamp = Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER));
    assertThat(WebhookSignature.verify(SIGNING_SECRET, timestamp, request.body(),
        request.header(WebhookSignature.SIGNATURE_HEADER))).as("signature").isTrue();
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("event").asText()).isEqualTo("fax.document");
    assertThat(body.get("job_id").asText()).isEqualTo(jobId.toString());
    assertThat(body.get("from").asText()).isEqualTo(plainNumber.e164());
    assertThat(body.get("labels").get("crm").asText()).isEqualTo("42");
    byte[] pdf = Base64.getDecoder().decode(body.get("files").get(0).get("content_base64").asText());
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(finished).isEqualTo(
        DeliveryFinished.delivered(attemptId, jobId, jsonHookId, EndpointKind.WEBHOOK, 200));
  }

  @Test
  void aMultipartEndpointGetsTheEventAndThePdfAsParts() {
    UUID jobId = UUID.randomUUID();
    UUID attemptId = UUID.randomUUID();
    send(names.deliverWebhook(), DeliverWebhook.TYPE, new DeliverWebhook(attemptId, jobId, tenantId,
        multipartHookId, receiver.url("/form"), aFax(1), null, hookedNumber, 1, Map.of()), jobId);

    awaitFinished(jobId);
    WebhookReceiver.Request request = only(receiver.requests("/form"), attemptId);

    assertThat(request.header("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = new String(request.body(), StandardCharsets.ISO_8859_1);
    assertThat(body).contains("name=\"event\"", "\"job_id\":\"" + jobId + "\"",
        "name=\"document\"; filename=\"fax-" + jobId + ".pdf\"", "%PDF-");
    long timestamp = Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER));
    assertThat(WebhookSignature.verify(SIGNING_SECRET, timestamp, request.body(),
        request.header(WebhookSignature.SIGNATURE_HEADER))).isTrue();
  }

  @Test
  void aServerErrorIsRetriedOnTheScheduleWithTheSameEventId() {
    double retries = deliveries("retry");
    double delivered = deliveries("delivered");
    String path = "/flaky-" + UUID.randomUUID();
    receiver.script(path, 503);
    UUID jobId = UUID.randomUUID();
    UUID attemptId = UUID.randomUUID();
    send(names.deliverWebhook(), DeliverWebhook.TYPE, new DeliverWebhook(attemptId, jobId, tenantId, jsonHookId,
        receiver.url(path), aFax(1), plainNumber, hookedNumber, 1, Map.of()), jobId);

    DeliveryFinished finished = awaitFinished(jobId);
    List<WebhookReceiver.Request> requests = receiver.requests(path);

    assertThat(finished.success()).isTrue();
    assertThat(requests).hasSize(2);
    assertThat(requests).extracting(r -> r.header(WebhookSignature.EVENT_ID_HEADER))
        .containsOnly(attemptId.toString());
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .as("the schedule's first pause").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(tries(attemptId)).containsExactly("503", "200");
    assertThat(deliveries("retry")).as("faxserver_deliveries_total{result=retry}").isGreaterThanOrEqualTo(retries + 1);
    assertThat(deliveries("delivered")).isGreaterThanOrEqualTo(delivered + 1);
  }

  /** faxserver_deliveries_total of webhook document deliveries with this result, as scraped. */
  private double deliveries(String result) {
    var counter = meters.find("faxserver.deliveries").tags("channel", "webhook", "purpose", "document", "result", result)
        .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aPermanentFailureIsDeadLetteredAtOnceAndCanBeRedelivered() {
    String path = "/gone-" + UUID.randomUUID();
    receiver.script(path, 410);
    UUID jobId = UUID.randomUUID();
    UUID attemptId = UUID.randomUUID();
    send(names.deliverWebhook(), DeliverWebhook.TYPE, new DeliverWebhook(attemptId, jobId, tenantId, jsonHookId,
        receiver.url(path), aFax(1), plainNumber, hookedNumber, 1, Map.of()), jobId);

    DeliveryFinished finished = awaitFinished(jobId);
    assertThat(finished).isEqualTo(DeliveryFinished.failed(attemptId, jobId, jsonHookId, EndpointKind.WEBHOOK,
        false, 410, "HTTP 410"));
    await().atMost(WAIT).until(() -> status(attemptId), "DEAD"::equals);
    assertThat(receiver.requests(path)).hasSize(1);
    deliveryBacklog.countNow().block();
    assertThat(meters.get("faxserver.deliveries.waiting").tag("state", "dead").gauge().value())
        .as("faxserver_deliveries_waiting{state=dead}").isGreaterThanOrEqualTo(1);

    send(names.redeliver(), DeliveryRedeliver.TYPE, new DeliveryRedeliver(attemptId, "admin"), jobId);

    await().atMost(WAIT).until(() -> status(attemptId), "DELIVERED"::equals);
    assertThat(receiver.requests(path)).hasSize(2);
    assertThat(broker.finished(f -> f.jobId().equals(jobId))).as("fax-queue hears the end once").hasSize(1);
  }

  @Test
  void afterTheLastScheduledTryTheDeliveryIsDeadLetteredAsRetryable() {
    double dead = deliveries("dead");
    String path = "/down-" + UUID.randomUUID();
    receiver.always(path, 503);
    UUID jobId = UUID.randomUUID();
    UUID attemptId = UUID.randomUUID();
    send(names.deliverWebhook(), DeliverWebhook.TYPE, new DeliverWebhook(attemptId, jobId, tenantId, jsonHookId,
        receiver.url(path), aFax(1), plainNumber, hookedNumber, 1, Map.of()), jobId);

    DeliveryFinished finished = awaitFinished(jobId);

    assertThat(finished.success()).isFalse();
    assertThat(finished.retryable()).as("fax-queue may try again later").isTrue();
    assertThat(finished.httpStatus()).isEqualTo(503);
    assertThat(receiver.requests(path)).as("1 + 2 scheduled retries").hasSize(3);
    assertThat(status(attemptId)).isEqualTo("DEAD");
    assertThat(deliveries("dead")).as("faxserver_deliveries_total{result=dead}").isGreaterThanOrEqualTo(dead + 1);
    assertThat(db.sql("SELECT last_error FROM notify.delivery_view WHERE delivery_id = :id").bind("id", attemptId)
        .map(row -> row.get("last_error", String.class)).one().block()).isEqualTo("gave up after 3 tries: HTTP 503");
  }

  @Test
  void aRedeliveredCommandIsDeliveredOnce() {
    UUID jobId = UUID.randomUUID();
    UUID attemptId = UUID.randomUUID();
    String path = "/once-" + UUID.randomUUID();
    var envelope = org.faxserver.model.messaging.Envelope.of(DeliverWebhook.TYPE, 1, jobId.toString(),
        new DeliverWebhook(attemptId, jobId, tenantId, jsonHookId, receiver.url(path), aFax(1), plainNumber,
            hookedNumber, 1, Map.of()), java.time.Clock.systemUTC());
    broker.sendTo(names.deliverWebhook(), envelope);
    broker.sendTo(names.deliverWebhook(), envelope);

    awaitFinished(jobId);
    await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
    assertThat(receiver.requests(path)).hasSize(1);
  }

  // --- helpers ---------------------------------------------------------------------------------

  DeliveryFinished awaitFinished(UUID jobId) {
    return await().atMost(WAIT).until(() -> broker.finished(f -> f.jobId().equals(jobId)), l -> !l.isEmpty()).get(0);
  }

  List<String> tries(UUID deliveryId) {
    return db.sql("SELECT http_status FROM notify.delivery_try WHERE delivery_id = :id ORDER BY number")
        .bind("id", deliveryId).map(row -> String.valueOf(row.get("http_status", Integer.class))).all()
        .collectList().block();
  }

  static WebhookReceiver.Request only(List<WebhookReceiver.Request> requests, UUID eventId) {
    List<WebhookReceiver.Request> mine = requests.stream()
        .filter(r -> eventId.toString().equals(r.header(WebhookSignature.EVENT_ID_HEADER))).toList();
    assertThat(mine).hasSize(1);
    return mine.get(0);
  }

  static MimeMessage mailTo(String address) throws Exception {
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address))) {
        return m;
      }
    }
    return null;
  }

  static List<BodyPart> attachments(MimeMessage message) throws Exception {
    List<BodyPart> out = new ArrayList<>();
    Multipart multipart = (Multipart) message.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.getFileName() != null) {
        out.add(part);
      }
    }
    return out;
  }
}
