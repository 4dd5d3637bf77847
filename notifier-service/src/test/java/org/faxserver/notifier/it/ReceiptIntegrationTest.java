package org.faxserver.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.delivery.ReceiptSigningKeys;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.AttemptSummary;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.notifier.directory.NotifyDirectory;
import org.faxserver.notifier.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Clock;
import org.faxserver.notifier.webhook.WebhookSignature;
import org.faxserver.support.CachedSnapshot;
import org.junit.jupiter.api.Test;

/** Receipts from job.completed and inbound.received, per the tenant's and number's notify settings. */
class ReceiptIntegrationTest extends NotifierContextTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
  static final PhoneNumber REMOTE = PhoneNumber.ofE164("+442079460958");

  @Autowired CachedSnapshot<NotifyDirectory> directory;

  @Test
  void aSentFaxGetsTheTenantsFullEmailReceiptWithReportAndFax() throws Exception {
    UUID jobId = UUID.randomUUID();
    completed(jobId, JobOrigin.API, plainNumber, REMOTE, JobStatus.SUCCEEDED, null, aFax(2));

    List<MimeMessage> mails = awaitMails(jobId, 2);

    assertThat(db.sql("SELECT count(*) AS n FROM notify.job_document WHERE job_id = :id").bind("id", jobId)
        .map(row -> row.get("n", Long.class)).one().block()).as("no job.routed seen").isZero();
    assertThat(recipients(mails)).containsExactlyInAnyOrder("a@acme.test", "b@acme.test");
    MimeMessage m = mails.get(0);
    assertThat(m.getSubject()).isEqualTo("Fax to " + REMOTE.e164() + " sent (2 pages)");
    List<BodyPart> files = DocumentDeliveryIntegrationTest.attachments(m);
    assertThat(files).extracting(BodyPart::getFileName)
        .containsExactly("fax-" + jobId + ".pdf", "fax-report-" + jobId + ".pdf");
    String report = pdfText(files.get(1));
    assertThat(report).contains("Fax Transmission Report", jobId.toString(), "Remote CSID: FAR END",
        "Attempts (2)", "gateway carrier1", "USER_BUSY", "gateway carrier2", "14400");
    await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
    assertThat(recipients(mailsFor(jobId))).as("email_full_failure is for failures only")
        .doesNotContain("ops@acme.test");
  }

  @Test
  void aJobCompletedWithoutADocumentFromAnOlderProducerTakesTheFaxRememberedFromJobRouted() throws Exception {
    UUID jobId = UUID.randomUUID();
    routed(jobId, plainNumber, REMOTE, aFax(2));
    completed(jobId, JobOrigin.API, plainNumber, REMOTE, JobStatus.SUCCEEDED, null);

    List<MimeMessage> mails = awaitMails(jobId, 2);

    assertThat(DocumentDeliveryIntegrationTest.attachments(mails.get(0))).extracting(BodyPart::getFileName)
        .containsExactly("fax-" + jobId + ".pdf", "fax-report-" + jobId + ".pdf");
  }

  @Test
  void theDocumentInJobCompletedWinsOverTheOneRememberedFromJobRouted() throws Exception {
    UUID jobId = UUID.randomUUID();
    routed(jobId, plainNumber, REMOTE, DocumentRef.tiff("t" + tenantId + "/gone-" + jobId + ".tif"));
    completed(jobId, JobOrigin.API, plainNumber, REMOTE, JobStatus.SUCCEEDED, null, aFax(2));

    List<MimeMessage> mails = awaitMails(jobId, 2);

    assertThat(DocumentDeliveryIntegrationTest.attachments(mails.get(0))).extracting(BodyPart::getFileName)
        .containsExactly("fax-" + jobId + ".pdf", "fax-report-" + jobId + ".pdf");
  }

  @Test
  void aFailedFaxAlsoGoesToTheFailureAddress() {
    UUID jobId = UUID.randomUUID();
    completed(jobId, JobOrigin.API, plainNumber, REMOTE, JobStatus.FAILED, "all endpoints failed");

    List<MimeMessage> mails = awaitMails(jobId, 3);

    assertThat(recipients(mails)).containsExactlyInAnyOrder("a@acme.test", "b@acme.test", "ops@acme.test");
  }

  @Test
  void theNumbersWebhookReceiptOverridesTheTenantsEmail() throws Exception {
    UUID jobId = UUID.randomUUID();
    completed(jobId, JobOrigin.API, hookedNumber, REMOTE, JobStatus.SUCCEEDED, null);

    WebhookReceiver.Request request = await().atMost(WAIT).until(() -> receiver.requests("/receipt").stream()
        .filter(r -> new String(r.body()).contains(jobId.toString())).findFirst().orElse(null), r -> r != null);

    long timestamp = Long.parseLong(request.header(WebhookSignature.TIMESTAMP_HEADER));
    // signed with the tenant's own key, not the server's secret that every tenant's key comes from
    String signature = request.header(WebhookSignature.SIGNATURE_HEADER);
    assertThat(WebhookSignature.verify(ReceiptSigningKeys.forTenant("receipt-secret-for-tests", tenantId), timestamp,
        request.body(), signature)).isTrue();
    assertThat(WebhookSignature.verify("receipt-secret-for-tests", timestamp, request.body(), signature)).isFalse();
    assertThat(WebhookSignature.verify(ReceiptSigningKeys.forTenant("receipt-secret-for-tests", tenantId + "0"),
        timestamp, request.body(), signature)).isFalse();
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body.get("event").asText()).isEqualTo("fax.sent");
    assertThat(body.get("attempts")).hasSize(2);
    assertThat(body.get("remote_csid").asText()).isEqualTo("FAR END");
    assertThat(mailsFor(jobId)).isEmpty();
  }

  @Test
  void aRelayedInboundFaxIsReportedAsReceivedToTheReceivingNumber() {
    UUID jobId = UUID.randomUUID();
    completed(jobId, JobOrigin.INBOUND, REMOTE, plainNumber, JobStatus.SUCCEEDED, null);

    List<MimeMessage> mails = awaitMails(jobId, 2);

    assertThat(subject(mails.get(0))).isEqualTo("Fax received from " + REMOTE.e164() + " (2 pages)");
  }

  @Test
  void aFailedReceptionIsReported() {
    UUID callId = UUID.randomUUID();
    FaxResult result = new FaxResult(false, 49, "The call dropped prematurely", 1, 3, HangupCause.NORMAL_CLEARING,
        "SENDER CSID", "ACME", 9600, true, T38Status.OFF, 0, 1, List.of());
    InboundReceived call = new InboundReceived(callId, tenantId, REMOTE, plainNumber, "carrier1", null, result, T0);
    send(names.inboundReceived(), InboundReceived.TYPE, call, callId);

    List<MimeMessage> mails = awaitMails(callId, 3);

    assertThat(recipients(mails)).containsExactlyInAnyOrder("a@acme.test", "b@acme.test", "ops@acme.test");
    assertThat(subject(mails.get(0))).isEqualTo("Fax reception from " + REMOTE.e164() + " failed");
    assertThat(GreenMailUtil.getBody(mails.get(0))).contains("The call dropped prematurely");
  }

  @Test
  void aNumberAddedLaterIsSeenAfterDirectoryChangedAndItsFailingReceiptIsDeadLettered() throws Exception {
    String path = "/receipt-down-" + UUID.randomUUID();
    receiver.always(path, 503);
    PhoneNumber added = aUniqueNumber();
    String numberId = sql("INSERT INTO directory.tenant_number (tenant_id, number, notify) VALUES (" + tenantId
        + ", '" + added.e164() + "', 'webhook->" + receiver.url(path) + "') RETURNING id");
    broker.publishEvent(RoutingKeys.DIRECTORY_CHANGED, Envelope.of(DirectoryChanged.TYPE, 1, null,
        DirectoryChanged.created(DirectoryEntity.NUMBER, numberId), Clock.systemUTC()));
    await().atMost(WAIT).until(() -> directory.current().block().number(tenantId, added.e164()).isPresent());

    UUID jobId = UUID.randomUUID();
    completed(jobId, JobOrigin.API, added, REMOTE, JobStatus.SUCCEEDED, null);

    await().atMost(WAIT).until(() -> receiptStatus(jobId), "DEAD"::equals);
    assertThat(receiver.requests(path)).as("1 + the one scheduled retry").hasSize(2);
    assertThat(db.sql("SELECT last_error FROM notify.delivery_view WHERE job_id = :id").bind("id", jobId)
        .map(row -> row.get("last_error", String.class)).one().block()).isEqualTo("gave up after 2 tries: HTTP 503");
    assertThat(mailsFor(jobId)).as("the number's setting replaced the tenant's").isEmpty();
  }

  @Test
  void afterADirectoryChangeWhoseReloadFailsNothingFromBeforeTheChangeIsUsed() throws Exception {
    assertThat(directory.current().block(WAIT).webhook(jsonHookId)).map(NotifyDirectory.Webhook::secret)
        .contains(SIGNING_SECRET);
    // The change rotates the webhook's signing secret, and the notifier cannot read the endpoints while it reloads.
    execute("ALTER TABLE directory.endpoint RENAME TO endpoint_away");
    try {
      execute("UPDATE directory.endpoint_away SET signing_secret = 'rotated-secret-0123456789abcdefghij' WHERE id = "
          + jsonHookId);
      broker.publishEvent(RoutingKeys.DIRECTORY_CHANGED, Envelope.of(DirectoryChanged.TYPE, 1, null,
          DirectoryChanged.updated(DirectoryEntity.ENDPOINT, jsonHookId), Clock.systemUTC()));

      // Strict, unlike fax-router's cache: an error (the delivery fails and is retried), not the old secret.
      await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(() -> directory.current().block(WAIT))
          .hasMessageContaining("endpoint"));
    } finally {
      execute("ALTER TABLE directory.endpoint_away RENAME TO endpoint");
    }
    try {
      assertThat(directory.current().block(WAIT).webhook(jsonHookId)).map(NotifyDirectory.Webhook::secret)
          .contains("rotated-secret-0123456789abcdefghij");
    } finally {
      execute("UPDATE directory.endpoint SET signing_secret = '" + SIGNING_SECRET + "' WHERE id = " + jsonHookId);
      broker.publishEvent(RoutingKeys.DIRECTORY_CHANGED, Envelope.of(DirectoryChanged.TYPE, 1, null,
          DirectoryChanged.updated(DirectoryEntity.ENDPOINT, jsonHookId), Clock.systemUTC()));
      await().atMost(WAIT).until(() -> directory.current().block(WAIT).webhook(jsonHookId)
          .map(NotifyDirectory.Webhook::secret).filter(SIGNING_SECRET::equals).isPresent());
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  String receiptStatus(UUID jobId) {
    return db.sql("SELECT status FROM notify.delivery_view WHERE job_id = :id AND purpose = 'RECEIPT'")
        .bind("id", jobId).map(row -> row.get("status", String.class)).one().block();
  }

  static void execute(String statement) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(),
        database.password()); var st = c.createStatement()) {
      st.execute(statement);
    }
  }

  static String sql(String insertReturningId) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(),
        database.password()); var p = c.prepareStatement(insertReturningId); var rs = p.executeQuery()) {
      rs.next();
      return Long.toString(rs.getLong(1));
    }
  }

  void routed(UUID jobId, PhoneNumber from, PhoneNumber to, DocumentRef document) {
    send(names.jobRouted(), JobRouted.TYPE, new JobRouted(jobId, tenantId, JobOrigin.API, "user-1", from, to,
        document, 2, null, new DeliveryPlan(List.of()), null), jobId);
    await().atMost(WAIT).until(() -> db.sql("SELECT count(*) AS n FROM notify.job_document WHERE job_id = :id")
        .bind("id", jobId).map(row -> row.get("n", Long.class)).one().block(), n -> n == 1);
  }

  void completed(UUID jobId, JobOrigin origin, PhoneNumber from, PhoneNumber to, JobStatus status, String reason) {
    completed(jobId, origin, from, to, status, reason, null);
  }

  void completed(UUID jobId, JobOrigin origin, PhoneNumber from, PhoneNumber to, JobStatus status, String reason,
      DocumentRef document) {
    FaxResult busy = FaxResult.notStarted(HangupCause.USER_BUSY, "USER_BUSY");
    FaxResult ok = new FaxResult(true, 0, "OK", 2, 2, HangupCause.NORMAL_CLEARING, "FAR END", "ACME", 14400, true,
        T38Status.NEGOTIATED, 0, 1, List.of());
    boolean success = status == JobStatus.SUCCEEDED;
    List<AttemptSummary> attempts = List.of(
        new AttemptSummary(UUID.randomUUID(), 1, EndpointRef.gateway("1", "carrier1"), T0, T0.plusSeconds(20), false,
            busy, null),
        new AttemptSummary(UUID.randomUUID(), 2, EndpointRef.gateway("2", "carrier2"), T0.plusSeconds(60),
            T0.plusSeconds(120), success, success ? ok : busy, null));
    send(names.jobCompleted(), JobCompleted.TYPE, new JobCompleted(jobId, tenantId, origin, null, from, to, 2, status,
        reason, attempts, document), jobId);
  }

  static List<MimeMessage> mailsFor(UUID jobId) {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (GreenMailUtil.getBody(m).contains(jobId.toString())) {
        out.add(m);
      }
    }
    return out;
  }

  static List<MimeMessage> awaitMails(UUID jobId, int count) {
    return await().atMost(WAIT).until(() -> mailsFor(jobId), l -> l.size() >= count);
  }

  /** Every address the mails went to, once each (GreenMail keeps one copy per recipient). */
  static List<String> recipients(List<MimeMessage> mails) {
    return mails.stream().flatMap(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).map(Object::toString);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).distinct().toList();
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pdfText(BodyPart part) throws Exception {
    try (PDDocument doc = Loader.loadPDF(part.getInputStream().readAllBytes())) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
