package org.faxserver.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.esl.InboundClientConfig;
import org.faxserver.testkit.freeswitch.CallRecord;
import org.faxserver.testkit.freeswitch.InboundCallSpec;
import org.faxserver.testkit.freeswitch.Scenario;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receiving faxes end to end, with notifications: the FreeSWITCH stand-in dials esl-gateway's outbound-socket
 * server, a remote fax machine (the real spandsp T.30 engine) sends a 3-page TIFF, fax-router accepts the call
 * and plans the delivery, fax-queue runs the plan, notifier-service delivers to GreenMail and to a local HTTP
 * receiver; api-service archives the fax in the tenant's inbox.
 */
class ReceivePipelineEndToEndTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration CALL = Duration.ofSeconds(60);
  static final String CALLER = "15550100199";
  static final String HOOK_SECRET = "endpoint-signing-secret-0123456789";
  static final String RECEIPT_SECRET = "receipt-signing-secret-0123456789";
  static final int PAGES = 3;
  static final AtomicInteger NEXT = new AtomicInteger();

  static FaxSystem system;
  static WebhookReceiver receiver;
  static EslInboundClient side;
  static Path sent;
  static String carrier;
  /** CHANNEL_EXECUTE events seen on the stand-in: uuid, application, data. */
  static final List<String[]> executed = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    receiver = new WebhookReceiver();
    system = FaxSystem.start(FaxSystem.options().withNotifier()
        // 3 tries of a document delivery (2 pauses), short
        .notifier("faxserver.notifier.retry.document-schedule", "500ms,500ms")
        .notifier("faxserver.notifier.retry.receipt-schedule", "500ms,500ms")
        .notifier("faxserver.notifier.webhook.receipt-signing-secret", RECEIPT_SECRET)
        .api("faxserver.receipts.signing-secret", RECEIPT_SECRET)
        // one try per endpoint: a dead-lettered delivery is not repeated by a new fax-queue attempt
        .queue("faxserver.faxing.retry-attempts", 1)
        .queue("faxserver.faxing.softmodem-fallback", true)
        // the seed's recipient_from_diversion_header (calls without a Diversion header use the To user)
        .gateway("faxserver.faxing.recipient-from-diversion-header", true));
    sent = TestFaxDocuments.create(Files.createTempDirectory("e2e-remote").resolve("remote.tif"), PAGES);
    // the carrier the stand-in's calls come from (127.0.0.1), also the way out for sent faxes
    carrier = system.gateway("carrier");
    system.registerGateway(carrier);
    system.admin("POST", "/admin/endpoint", Map.of("scope", "GLOBAL", "type", "GATEWAY", "priority", 1,
        "gateway", Map.of("name", carrier, "allowed_sources", List.of("127.0.0.1"))));
    side = EslInboundClient.builder(InboundClientConfig.defaults(system.standIn().host(), system.standIn().port(),
        system.standIn().password())).eventListener(e -> {
          if (e.is("CHANNEL_EXECUTE") && e.uniqueId() != null) {
            String data = e.header("Application-Data");
            executed.add(new String[] {e.uniqueId(), e.header("Application"), data == null ? "" : data});
          }
        }).build();
    side.subscribe(List.of("CHANNEL_EXECUTE"), List.of());
    side.start().join();
  }

  @AfterAll
  static void stop() {
    if (side != null) {
      side.close();
    }
    if (system != null) {
      system.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  /** A new number of this run (E.164). */
  static String aNumber() {
    return String.format("+1212555%04d", 200 + NEXT.incrementAndGet());
  }

  static String digits(String e164) {
    return e164.substring(1);
  }

  static CallRecord dial(String toE164) {
    return system.standIn().dialInbound(InboundCallSpec.from(CALLER).to(digits(toE164)).document(sent));
  }

  static List<String> applications(String uuid) {
    return executed.stream().filter(e -> e[0].equals(uuid)).map(e -> e[1] + " " + e[2]).toList();
  }

  // ------------------------------------------------------------------------------- 1. email endpoint

  @Test
  void receivedFaxGoesToTheEmailEndpointAsOnePdfAndIntoTheInbox() throws Exception {
    String number = aNumber();
    FaxSystem.Tenant tenant = system.createTenant("mail", number);
    String address = "inbox-" + system.runId + "@acme.test";
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant.id(), "type", "EMAIL",
        "priority", 1, "email", Map.of("addresses", List.of(address))));
    system.settleDirectory();

    CallRecord call = dial(number);
    assertThat(call.awaitHangup(CALL)).isEqualTo("NORMAL_CLEARING");
    assertThat(call.localResult()).as("our side's rxfax result").containsEntry("success", "1");

    FaxSystem.await("an email to " + address, CALL, () -> !mailsTo(address).isEmpty());
    FaxSystem.sleep(2000); // nothing more comes
    List<MimeMessage> mails = mailsTo(address);
    assertThat(mails).as("emails to the endpoint").hasSize(1);
    List<byte[]> pdfs = pdfAttachments(mails.get(0));
    assertThat(pdfs).as("PDF attachments").hasSize(1);
    try (PDDocument pdf = Loader.loadPDF(pdfs.get(0))) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(PAGES);
    }

    JsonNode inbox = tenantGet(tenant, "/fax/inbox");
    FaxSystem.await("the fax in the inbox", CALL, () -> tenantGet(tenant, "/fax/inbox").toString().contains(call.uuid()));
    inbox = tenantGet(tenant, "/fax/inbox");
    JsonNode item = find(inbox, call.uuid());
    assertThat(item).as("inbox %s", inbox).isNotNull();
    assertThat(item.path("success").asBoolean()).isTrue();
    assertThat(item.path("pages").asInt()).isEqualTo(PAGES);
  }

  // ------------------------------------------------------------------------------- 2. webhook endpoint

  @Test
  void webhookFailingTwiceIsDeliveredOnTheThirdTryExactlyOnceAndSigned() throws Exception {
    String number = aNumber();
    FaxSystem.Tenant tenant = system.createTenant("hook", number);
    String path = "/hook-" + number.substring(1);
    receiver.script(path, 500, 500);
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant.id(), "type", "WEBHOOK",
        "priority", 1, "webhook", Map.of("url", receiver.url(path), "signing_secret", HOOK_SECRET)));
    system.settleDirectory();

    CallRecord call = dial(number);
    call.awaitHangup(CALL);
    FaxSystem.await("three tries at " + path, CALL, () -> receiver.hits(path).size() >= 3);
    FaxSystem.sleep(2000); // no fourth
    List<WebhookReceiver.Hit> hits = receiver.hits(path);
    assertThat(hits).extracting(WebhookReceiver.Hit::answered).containsExactly(500, 500, 200);
    String eventId = hits.get(0).header("X-Fax-Event-Id");
    assertThat(eventId).isNotBlank();
    for (WebhookReceiver.Hit h : hits) {
      assertThat(h.header("X-Fax-Event-Id")).as("same event id on every try").isEqualTo(eventId);
      assertThat(h.header("X-Fax-Event")).isEqualTo("fax.document");
      assertThat(h.signatureVerifies(HOOK_SECRET)).as("signature of try %s", h.headers()).isTrue();
      assertThat(h.signatureVerifies("another-secret-0123456789")).isFalse();
    }
    JsonNode body = JSON.readTree(hits.get(2).body());
    assertThat(body.path("pages").asInt()).isEqualTo(PAGES);
    assertThat(body.path("to").asText()).isEqualTo(number);
    JsonNode files = body.path("files");
    assertThat(files.isArray() && files.size() >= 1).as("files in %s", body.fieldNames()).isTrue();
    try (PDDocument pdf = Loader.loadPDF(Base64.getDecoder().decode(files.get(0).path("content_base64").asText()))) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(PAGES);
    }
    JsonNode delivery = system.admin("GET", "/admin/delivery/" + eventId, null);
    assertThat(delivery.path("status").asText()).as("%s", delivery).isEqualTo("DELIVERED");
  }

  @Test
  void webhookThatNeverRecoversIsDeadLetteredAndRedeliveredOnRequest() throws Exception {
    String number = aNumber();
    FaxSystem.Tenant tenant = system.createTenant("dead", number);
    String path = "/dead-" + number.substring(1);
    receiver.always(path, 503);
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant.id(), "type", "WEBHOOK",
        "priority", 1, "webhook", Map.of("url", receiver.url(path), "signing_secret", HOOK_SECRET)));
    system.settleDirectory();

    dial(number).awaitHangup(CALL);
    FaxSystem.await("three tries at " + path, CALL, () -> receiver.hits(path).size() >= 3);
    String eventId = receiver.hits(path).get(0).header("X-Fax-Event-Id");
    FaxSystem.await("delivery " + eventId + " listed as dead", Duration.ofSeconds(20),
        () -> system.admin("GET", "/admin/delivery?status=DEAD", null).toString().contains(eventId));
    FaxSystem.sleep(1000);
    assertThat(receiver.hits(path)).as("tries before the dead letter").hasSize(3);

    receiver.always(path, 200);
    HttpResponse<String> r = system.adminCall("POST", "/admin/delivery/" + eventId + "/redeliver", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    FaxSystem.await("redelivered", CALL, () -> receiver.hits(path).stream().anyMatch(h -> h.answered() == 200));
    FaxSystem.await("delivery shown delivered", Duration.ofSeconds(20),
        () -> "DELIVERED".equals(system.admin("GET", "/admin/delivery/" + eventId, null).path("status").asText()));
    FaxSystem.sleep(1000);
    List<WebhookReceiver.Hit> hits = receiver.hits(path);
    assertThat(hits.stream().filter(h -> h.answered() == 200)).as("delivered once").hasSize(1);
    assertThat(hits).allSatisfy(h -> assertThat(h.header("X-Fax-Event-Id")).isEqualTo(eventId));
    assertThat(hits.get(hits.size() - 1).signatureVerifies(HOOK_SECRET)).isTrue();
  }

  // ------------------------------------------------------------------------------- 3. rejections, diversion, fallback

  @Test
  void unknownNumberIsRefusedWith404AndNothingIsDialled() {
    int before = outboundCalls();
    CallRecord call = system.standIn().dialInbound(InboundCallSpec.from(CALLER).to("12125559999").document(sent));
    assertThat(call.awaitHangup(CALL)).isEqualTo("UNALLOCATED_NUMBER");
    FaxSystem.await("respond seen", Duration.ofSeconds(5),
        () -> applications(call.uuid()).stream().anyMatch(a -> a.startsWith("respond")));
    assertThat(applications(call.uuid())).contains("respond 404").noneMatch(a -> a.startsWith("answer")
        || a.startsWith("rxfax"));
    FaxSystem.sleep(1000);
    assertThat(outboundCalls()).as("originates").isEqualTo(before);
  }

  @Test
  void unknownSourceIsRefusedWith401() {
    String number = aNumber();
    system.createTenant("src", number);
    system.settleDirectory();
    CallRecord call = system.standIn().dialInbound(InboundCallSpec.from(CALLER).to(digits(number))
        .networkIp("203.0.113.77").document(sent));
    call.awaitHangup(CALL);
    FaxSystem.await("respond seen", Duration.ofSeconds(5),
        () -> applications(call.uuid()).stream().anyMatch(a -> a.startsWith("respond")));
    assertThat(applications(call.uuid())).contains("respond 401").noneMatch(a -> a.startsWith("rxfax"));
  }

  @Test
  void recipientIsTakenFromTheDiversionHeaderWithAPlus() {
    String number = aNumber();
    FaxSystem.Tenant tenant = system.createTenant("diverted", number);
    system.settleDirectory();
    // the To user is the carrier's trunk number, not ours: only the Diversion header names the recipient
    CallRecord call = system.standIn().dialInbound(InboundCallSpec.from(CALLER).to("18005550000")
        .diversion("<sip:" + number + "@carrier.example>;reason=unconditional").document(sent));
    assertThat(call.awaitHangup(CALL)).isEqualTo("NORMAL_CLEARING");
    assertThat(applications(call.uuid())).anyMatch(a -> a.startsWith("rxfax"));
    FaxSystem.await("the fax in the inbox", CALL, () -> find(tenantGet(tenant, "/fax/inbox"), call.uuid()) != null);
    JsonNode item = find(tenantGet(tenant, "/fax/inbox"), call.uuid());
    assertThat(item.toString()).contains(number);
    assertThat(item.path("pages").asInt()).isEqualTo(PAGES);
  }

  @Test
  void failedReceptionWithBadRowsPutsTheCallerOnTheFallbackList() throws Exception {
    String number = aNumber();
    String receipts = "failed-" + system.runId + "@acme.test";
    system.createTenant("bad", number, "email_report->" + receipts);
    system.settleDirectory();
    String caller = "15550107777";
    CallRecord call = system.standIn().dialInbound(InboundCallSpec.from(caller).to(digits(number)).document(sent)
        .scenario(Scenario.scripted(1, 48, Duration.ofMillis(200)).withBadRowsPerPage(12)));
    call.awaitHangup(CALL);
    FaxSystem.await("caller on queue.fallback", CALL,
        () -> system.queueTable("SELECT number, source FROM queue.fallback").containsKey("+" + caller));
    // esl-gateway's mod_db insert goes out independently of the fact fax-queue stored
    FaxSystem.await("caller in mod_db's fallback realm", CALL,
        () -> system.standIn().db().getOrDefault("fallback", Map.of()).containsKey(caller));
    // the receiving number's receipt of a failed reception
    FaxSystem.await("reception-failed receipt", CALL, () -> !mailsTo(receipts).isEmpty());
    FaxSystem.sleep(1000);
    List<MimeMessage> mails = mailsTo(receipts);
    assertThat(mails).hasSize(1);
    assertThat(attachmentNames(mails.get(0))).singleElement().satisfies(n -> assertThat(n).startsWith("fax-report-"));
    assertThat(pdfText(pdfAttachments(mails.get(0)).get(0))).contains(number);
  }

  // ------------------------------------------------------------------------------- 4. receipts

  @Test
  void sentFaxProducesTheSendersEmailReportAndSignedWebhookReceipt() throws Exception {
    String number = aNumber();
    String address = "sent-" + system.runId + "@acme.test";
    String path = "/receipt-sent-" + number.substring(1);
    FaxSystem.Tenant tenant = system.createTenant("sender", number,
        "email_report->" + address + ",webhook->" + receiver.url(path));
    system.settleDirectory();
    String to = "+16465550" + (300 + NEXT.incrementAndGet());
    java.util.UUID jobId = system.submitTiff(tenant, to, 2);
    assertThat(system.awaitFinal(jobId, CALL).status()).as(system.describe(jobId)).isEqualTo("SUCCEEDED");

    FaxSystem.await("email report to " + address, CALL, () -> !mailsTo(address).isEmpty());
    FaxSystem.await("webhook receipt", CALL, () -> !receiver.hits(path).isEmpty());
    FaxSystem.sleep(1500);
    List<MimeMessage> mails = mailsTo(address);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).contains(to).contains("sent");
    assertThat(attachmentNames(mails.get(0))).containsExactly("fax-report-" + jobId + ".pdf");
    String report = pdfText(pdfAttachments(mails.get(0)).get(0));
    assertThat(report).contains(jobId.toString());

    List<WebhookReceiver.Hit> hits = receiver.hits(path);
    assertThat(hits).hasSize(1);
    WebhookReceiver.Hit hook = hits.get(0);
    assertThat(hook.header("X-Fax-Event")).isEqualTo("fax.sent");
    // signed with the tenant's own key, the one the API shows it, not with the server's secret
    String key = tenantGet(tenant, "/tenant/receipt-signing-key").path("signing_key").asText();
    assertThat(hook.signatureVerifies(key)).as("receipt signature with the tenant's key").isTrue();
    assertThat(hook.signatureVerifies(RECEIPT_SECRET)).isFalse();
    JsonNode body = JSON.readTree(hook.body());
    assertThat(body.path("job_id").asText()).isEqualTo(jobId.toString());
    assertThat(body.path("success").asBoolean()).isTrue();
    assertThat(body.path("pages").asInt()).isEqualTo(2);
    assertThat(body.path("from").asText()).isEqualTo(number);
    assertThat(body.path("to").asText()).isEqualTo(to);
    assertThat(body.path("files").isMissingNode() || body.path("files").isEmpty()).as("no files in a webhook receipt")
        .isTrue();
  }

  @Test
  void receivedFaxProducesTheReceivingNumbersEmailFullReceipt() throws Exception {
    String number = aNumber();
    String receipts = "recv-" + system.runId + "@acme.test";
    String documents = "docs-" + system.runId + "@acme.test";
    String hookPath = "/receipt-received-" + number.substring(1);
    FaxSystem.Tenant tenant = system.createTenant("receiver", number,
        "email_full->" + receipts + ",webhook->" + receiver.url(hookPath));
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant.id(), "type", "EMAIL",
        "priority", 1, "email", Map.of("addresses", List.of(documents))));
    system.settleDirectory();

    CallRecord call = dial(number);
    call.awaitHangup(CALL);
    FaxSystem.await("the document email", CALL, () -> !mailsTo(documents).isEmpty());
    FaxSystem.await("the receipt", CALL, () -> !mailsTo(receipts).isEmpty());
    FaxSystem.sleep(1500);
    assertThat(mailsTo(documents)).hasSize(1);
    List<MimeMessage> mails = mailsTo(receipts);
    assertThat(mails).hasSize(1);
    MimeMessage receipt = mails.get(0);
    assertThat(receipt.getSubject()).contains("received").contains(CALLER);
    List<String> names = attachmentNames(receipt);
    assertThat(names).hasSize(2).anyMatch(n -> n.startsWith("fax-report-")).anyMatch(n -> n.startsWith("fax-")
        && !n.startsWith("fax-report-"));
    List<byte[]> pdfs = pdfAttachments(receipt);
    int faxIndex = names.indexOf(names.stream().filter(n -> !n.startsWith("fax-report-")).findFirst().orElseThrow());
    try (PDDocument fax = Loader.loadPDF(pdfs.get(faxIndex))) {
      assertThat(fax.getNumberOfPages()).isEqualTo(PAGES);
    }
    assertThat(pdfText(pdfs.get(1 - faxIndex))).contains(number);

    FaxSystem.await("the webhook receipt", CALL, () -> !receiver.hits(hookPath).isEmpty());
    List<WebhookReceiver.Hit> hooks = receiver.hits(hookPath);
    assertThat(hooks).hasSize(1);
    assertThat(hooks.get(0).header("X-Fax-Event")).isEqualTo("fax.received");
    assertThat(hooks.get(0).signatureVerifies(
        tenantGet(tenant, "/tenant/receipt-signing-key").path("signing_key").asText())).isTrue();
    JsonNode body = JSON.readTree(hooks.get(0).body());
    assertThat(body.path("to").asText()).isEqualTo(number);
    assertThat(body.path("from").asText()).isEqualTo("+" + CALLER);
    assertThat(body.path("pages").asInt()).isEqualTo(PAGES);
    assertThat(body.path("success").asBoolean()).isTrue();
  }

  // ------------------------------------------------------------------------------- 5. PBX gateway

  @Test
  void receivedFaxForATenantWithAPbxGatewayIsSentToThePbx() {
    String number = aNumber();
    FaxSystem.Tenant tenant = system.createTenant("pbx", number);
    String pbx = system.gateway("pbx");
    system.registerGateway(pbx);
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant.id(), "type", "GATEWAY",
        "priority", 1, "gateway", Map.of("name", pbx)));
    system.settleDirectory();

    CallRecord call = dial(number);
    call.awaitHangup(CALL);
    FaxSystem.await("an originate to the PBX", CALL,
        () -> system.calls().all().stream().anyMatch(c -> pbx.equals(c.gateway())));
    CallWatcher.SeenCall out = system.calls().all().stream().filter(c -> pbx.equals(c.gateway())).findFirst()
        .orElseThrow();
    assertThat(out.record().number()).isEqualTo(digits(number));
    system.calls().awaitEnded(out, CALL);
    FaxSystem.await("the PBX received the fax", CALL, out::remoteSuccess);
    assertThat(TestFaxDocuments.pageCount(out.record().receivedTiff())).isEqualTo(PAGES);
  }

  @Test
  void faxFromOneTenantsPbxToAnotherTenantsNumberReachesThatTenantsEmail() throws Exception {
    String numberA = aNumber();
    String numberB = aNumber();
    FaxSystem.Tenant a = system.createTenant("pbx-a", numberA);
    FaxSystem.Tenant b = system.createTenant("mail-b", numberB);
    String pbxIp = "127.0.0.2";
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", a.id(), "type", "GATEWAY",
        "priority", 1, "gateway", Map.of("name", system.gateway("pbx-a"), "allowed_sources", List.of(pbxIp))));
    String address = "tenant-b-" + system.runId + "@acme.test";
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", b.id(), "type", "EMAIL",
        "priority", 1, "email", Map.of("addresses", List.of(address))));
    system.settleDirectory();

    // a caller id that is not tenant A's: refused (no spoofing through a PBX)
    CallRecord spoofed = system.standIn().dialInbound(InboundCallSpec.from(CALLER).to(digits(numberB))
        .networkIp(pbxIp).document(sent));
    spoofed.awaitHangup(CALL);
    FaxSystem.await("respond seen", Duration.ofSeconds(5),
        () -> applications(spoofed.uuid()).stream().anyMatch(x -> x.startsWith("respond")));
    assertThat(applications(spoofed.uuid())).contains("respond 403");

    CallRecord call = system.standIn().dialInbound(InboundCallSpec.from(digits(numberA)).to(digits(numberB))
        .networkIp(pbxIp).document(sent));
    assertThat(call.awaitHangup(CALL)).isEqualTo("NORMAL_CLEARING");
    FaxSystem.await("tenant B's email", CALL, () -> !mailsTo(address).isEmpty());
    List<byte[]> pdfs = pdfAttachments(mailsTo(address).get(0));
    assertThat(pdfs).hasSize(1);
    try (PDDocument pdf = Loader.loadPDF(pdfs.get(0))) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(PAGES);
    }
    FaxSystem.await("in tenant B's inbox", CALL, () -> find(tenantGet(b, "/fax/inbox"), call.uuid()) != null);
    assertThat(find(tenantGet(a, "/fax/inbox"), call.uuid())).as("not in tenant A's inbox").isNull();
  }

  /**
   * A tenant whose PBX gateway sends the fax straight back in (here the stand-in's {@code loopback} gateway: the
   * originate comes back as an inbound call to the same number, source gateway {@code loopback}) — a PBX that
   * forwards faxes back to its DID. Observed: nothing breaks the loop; every pass is accepted, received and
   * planned to the same gateway again (75 originates in 15 s from one call, until the run was stopped).
   */
  @Test
  void faxRelayedToAPbxThatSendsItBackIsNotLoopedForever() {
    String number = aNumber();
    FaxSystem.Tenant tenant = system.createTenant("loop", number);
    system.registerGateway("loopback");
    system.admin("POST", "/admin/endpoint", Map.of("scope", "TENANT", "tenant_id", tenant.id(), "type", "GATEWAY",
        "priority", 1, "gateway", Map.of("name", "loopback")));
    system.settleDirectory();
    dial(number).awaitHangup(CALL);
    FaxSystem.await("one originate to the PBX", CALL,
        () -> system.calls().all().stream().anyMatch(c -> "loopback".equals(c.gateway())));
    // The fax comes back in through the loopback gateway and is received into the tenant's inbox ...
    String to = java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8);
    FaxSystem.await("the fax back in the inbox through loopback", CALL, () -> {
      for (JsonNode n : tenantGet(tenant, "/fax/inbox?to=" + to).path("items")) {
        if ("loopback".equals(n.path("source_gateway").asText()) && n.path("success").asBoolean()
            && n.path("pages").asInt() > 0) {
          return true;
        }
      }
      return false;
    });
    // ... and is not sent out to the PBX it came from again.
    FaxSystem.sleep(10_000);
    assertThat(system.calls().all().stream().filter(c -> "loopback".equals(c.gateway())).count())
        .as("originates to the looping PBX").isEqualTo(1);
  }

  // ------------------------------------------------------------------------------- helpers

  static int outboundCalls() {
    return (int) system.standIn().calls().stream().filter(c -> !c.inbound()).count();
  }

  static List<MimeMessage> mailsTo(String address) {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : system.mail().getReceivedMessages()) {
      try {
        for (var a : m.getRecipients(Message.RecipientType.TO)) {
          if (a.toString().contains(address)) {
            out.add(m);
            break;
          }
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  static List<byte[]> pdfAttachments(Part part) throws Exception {
    List<byte[]> out = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        out.addAll(pdfAttachments(bp));
      }
    } else if (part.isMimeType("application/pdf")) {
      try (InputStream in = part.getInputStream()) {
        out.add(in.readAllBytes());
      }
    }
    return out;
  }

  static List<String> attachmentNames(Part part) throws Exception {
    List<String> out = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) part.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        out.addAll(attachmentNames(mp.getBodyPart(i)));
      }
    } else if (part.getFileName() != null) {
      out.add(part.getFileName());
    }
    return out;
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(d);
    }
  }

  static JsonNode tenantGet(FaxSystem.Tenant tenant, String path) {
    try {
      HttpResponse<String> r = system.http().send(HttpRequest.newBuilder(system.apiUri(path))
          .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + tenant.apiKey()).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list.path("items")) {
      if (id.equals(n.path("id").asText())) {
        return n;
      }
    }
    return null;
  }
}
