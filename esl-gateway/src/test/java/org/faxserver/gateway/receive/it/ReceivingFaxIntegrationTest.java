package org.faxserver.gateway.receive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.esl.InboundClientConfig;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.testkit.freeswitch.CallRecord;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.InboundCallSpec;
import org.faxserver.testkit.freeswitch.Scenario;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The receiving side end to end: the FreeSWITCH stand-in delivers an inbound call to our
 * outbound-socket server, a remote fax machine (the real spandsp T.30 engine) sends a TIFF, the
 * gateway asks a stubbed fax-router over RabbitMQ and publishes {@code inbound.received}. The test uses
 * routing keys of its own, so the real consumers on the shared broker never see its calls.
 */
@SpringBootTest(classes = EslGatewayApplication.class)
@DirtiesContext
class ReceivingFaxIntegrationTest {

  static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  static final Path DOCS = tempDir("esl-gateway-received");
  static final Path SENT = TestFaxDocuments.create(tempDir("esl-gateway-remote").resolve("remote.tif"), 3);
  static final int SOCKET_PORT = freePort();
  static final FreeSwitchStandIn FS = FreeSwitchStandIn.start(StandInConfig.defaults()
      .withOutboundSocket(new InetSocketAddress("127.0.0.1", SOCKET_PORT)));
  static final RouterStub ROUTER = RouterStub.start(TEST_ID);
  static final EslInboundClient SIDE = sideClient();
  /** CHANNEL_EXECUTE events: uuid, application, data. */
  static final List<String[]> EXECUTED = new CopyOnWriteArrayList<>();
  static final Duration CALL = Duration.ofSeconds(30);

  static final String CARRIER_IP = "203.0.113.9";
  static final String CALLER = "15550100199";
  static final String ACME_MAIN = "+15550001001";

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    receivingProperties(r, FS, SOCKET_PORT, DOCS, TEST_ID);
    r.add("faxserver.freeswitch.ident", () -> "GLOBAL IDENT");
    r.add("faxserver.gateway.inbound.route-timeout", () -> "1s");
    r.add("faxserver.gateway.inbound.linger-grace", () -> "2s");
    r.add("faxserver.gateway.shutdown-drain", () -> "1s");
    r.add("faxserver.faxing.answer-after", () -> "200");
    r.add("faxserver.faxing.wait-time", () -> "100");
  }

  /**
   * What every receiving test sets: the stand-in, the outbound socket, the document root, and the test's
   * own queue and routing keys (the shared broker's real consumers — api-service, fax-router,
   * fax-queue — stay out).
   */
  static void receivingProperties(DynamicPropertyRegistry r, FreeSwitchStandIn fs, int socketPort, Path docs,
      String testId) {
    TestInfrastructure.registerSpringProperties(r);
    r.add("faxserver.freeswitch.port", fs::port);
    r.add("faxserver.freeswitch.reconnect-initial-delay", () -> "100ms");
    r.add("faxserver.freeswitch.command-timeout", () -> "3s");
    r.add("faxserver.freeswitch.inbound-socket.port", () -> socketPort);
    r.add("faxserver.documents.root", docs::toString);
    r.add("faxserver.gateway.originate-queue", () -> "esl-gateway.fax.originate.test-" + testId);
    r.add("faxserver.gateway.originate-routing-key", () -> "fax.originate.test-" + testId);
    r.add("faxserver.gateway.inbound.route-routing-key", () -> "route.inbound.test-" + testId);
    r.add("faxserver.gateway.inbound.received-routing-key", () -> "inbound.received.test-" + testId);
    r.add("faxserver.gateway.inbound.fallback-routing-key", () -> "fallback.set.test-" + testId);
  }

  @AfterAll
  static void stop() throws Exception {
    SIDE.close();
    FS.close();
    String originate = "esl-gateway.fax.originate.test-" + TEST_ID;
    ROUTER.deleteQueues(originate, originate + ".parking");
    ROUTER.close();
  }

  static InboundRouteDecision acceptForAcme(org.faxserver.model.inbound.InboundRouteRequest request) {
    return InboundRouteDecision.accept(request.callId(), "tenant-7", request.callee(), T38Policy.ACCEPT, "ACME FAX");
  }

  @Test
  void faxFromARemoteMachineIsReceivedStoredAndPublished() throws Exception {
    ROUTER.answer(ACME_MAIN, ReceivingFaxIntegrationTest::acceptForAcme);

    CallRecord call = FS.dialInbound(InboundCallSpec.from(CALLER).to("15550001001").networkIp(CARRIER_IP)
        .gateway("carrier1").document(SENT));

    InboundReceived received = ROUTER.awaitReceived(UUID.fromString(call.uuid()), CALL);
    FaxResult r = received.result();
    assertThat(r.success()).isTrue();
    assertThat(r.pagesTransferred()).isEqualTo(3);
    assertThat(r.remoteStationId()).isEqualTo("+15550200");
    assertThat(r.localStationId()).isEqualTo("ACME FAX");
    assertThat(received.tenantId()).isEqualTo("tenant-7");
    assertThat(received.caller()).isEqualTo(PhoneNumber.ofE164("+" + CALLER));
    assertThat(received.callee()).isEqualTo(PhoneNumber.ofE164(ACME_MAIN));
    assertThat(received.sourceGateway()).isEqualTo("carrier1");
    assertThat(received.startedAt()).isNotNull();
    assertThat(received.document().key()).startsWith("tenant-7/inbound/").endsWith(call.uuid() + ".tif");
    Path file = DOCS.resolve(received.document().key());
    assertThat(TestFaxDocuments.pageCount(file)).isEqualTo(3);

    // what the router was asked
    var request = ROUTER.requests.stream().filter(q -> q.callId().toString().equals(call.uuid())).findFirst()
        .orElseThrow();
    assertThat(request.sourceIp()).isEqualTo(CARRIER_IP);
    assertThat(request.sourceGateway()).isEqualTo("carrier1");

    // the seed's sequence, in order
    assertThat(executed(call.uuid(), "hangup ")).containsSubsequence(
        "set fax_enable_t38=true", "set fax_enable_t38_request=false", "ring_ready ", "sleep 200", "answer ",
        "playback silence_stream://100", "set fax_ident=ACME FAX", "rxfax " + file, "hangup ");

    RouterStub.sleep(300);
    assertThat(ROUTER.received(UUID.fromString(call.uuid()))).hasSize(1);
  }

  @Test
  void unknownNumberIsAnswered404AndNothingIsPublished() {
    ROUTER.answer("+15550009404", q -> InboundRouteDecision.reject(q.callId(), 404, "not ours"));

    CallRecord call = FS.dialInbound(InboundCallSpec.from(CALLER).to("15550009404").networkIp(CARRIER_IP)
        .document(SENT));

    assertThat(call.awaitHangup(CALL)).isEqualTo("UNALLOCATED_NUMBER");
    assertThat(executed(call.uuid(), "respond 404")).contains("respond 404").doesNotContain("answer ");
    RouterStub.sleep(500);
    assertThat(ROUTER.received(UUID.fromString(call.uuid()))).isEmpty();
  }

  @Test
  void unknownSourceIsAnswered401() {
    ROUTER.answer("+15550009401", q -> InboundRouteDecision.reject(q.callId(), 401, "unknown source"));

    CallRecord call = FS.dialInbound(InboundCallSpec.from(CALLER).to("15550009401").networkIp("198.51.100.7")
        .document(SENT));

    assertThat(call.awaitHangup(CALL)).isNotNull();
    assertThat(executed(call.uuid(), "respond 401")).contains("respond 401").doesNotContain("answer ");
  }

  @Test
  void recipientThatIsNoNumberIs404WithoutAskingTheRouter() {
    CallRecord call = FS.dialInbound(InboundCallSpec.from(CALLER).to("fax").networkIp(CARRIER_IP).document(SENT));

    assertThat(call.awaitHangup(CALL)).isEqualTo("UNALLOCATED_NUMBER");
    assertThat(executed(call.uuid(), "respond 404")).contains("respond 404");
    assertThat(ROUTER.requests).noneMatch(q -> q.callId().toString().equals(call.uuid()));
  }

  @Test
  void whenTheRouterIsSilentAKnownNumberIsStillReceivedAndAnUnknownOneGets503() {
    String known = "+15550001011";
    ROUTER.answer(known, ReceivingFaxIntegrationTest::acceptForAcme);
    CallRecord first = FS.dialInbound(InboundCallSpec.from(CALLER).to("15550001011").networkIp(CARRIER_IP)
        .document(SENT));
    assertThat(ROUTER.awaitReceived(UUID.fromString(first.uuid()), CALL).result().success()).isTrue();

    ROUTER.silence(known);
    CallRecord second = FS.dialInbound(InboundCallSpec.from(CALLER).to("15550001011").networkIp(CARRIER_IP)
        .document(SENT));
    InboundReceived received = ROUTER.awaitReceived(UUID.fromString(second.uuid()), CALL);
    assertThat(received.result().success()).isTrue();
    assertThat(received.tenantId()).isEqualTo("tenant-7");
    assertThat(received.result().pagesTransferred()).isEqualTo(3);
    assertThat(ROUTER.requests).anyMatch(q -> q.callId().toString().equals(second.uuid())); // asked, no answer

    CallRecord unknown = FS.dialInbound(InboundCallSpec.from(CALLER).to("15550001012").networkIp(CARRIER_IP)
        .document(SENT));
    assertThat(unknown.awaitHangup(CALL)).isEqualTo("NORMAL_TEMPORARY_FAILURE");
    assertThat(executed(unknown.uuid(), "respond 503")).contains("respond 503");
  }

  @Test
  void relayFromATenantPbxIsReceivedForTheOutsideNumber() {
    String outside = "+442079460958";
    ROUTER.answer(outside, q -> InboundRouteDecision.relayOut(q.callId(), "tenant-7", q.callee(), T38Policy.OFF,
        null));

    CallRecord call = FS.dialInbound(InboundCallSpec.from("15550001001").to("+442079460958").networkIp("10.0.0.12")
        .document(SENT));

    InboundReceived received = ROUTER.awaitReceived(UUID.fromString(call.uuid()), CALL);
    assertThat(received.result().success()).isTrue();
    assertThat(received.callee()).isEqualTo(PhoneNumber.ofE164(outside));
    assertThat(received.caller()).isEqualTo(PhoneNumber.ofE164(ACME_MAIN));
    assertThat(executed(call.uuid(), "hangup ")).contains("set fax_enable_t38=false", "set fax_ident=GLOBAL IDENT");
  }

  @Test
  void failedReceptionWithBadRowsIsPublishedAndPutsTheCallerOnTheFallbackList() {
    String number = "+15550001021";
    String caller = "15550100777";
    ROUTER.answer(number, ReceivingFaxIntegrationTest::acceptForAcme);

    CallRecord call = FS.dialInbound(InboundCallSpec.from(caller).to("15550001021").networkIp(CARRIER_IP)
        .document(SENT).scenario(Scenario.scripted(1, 48, Duration.ofMillis(200)).withBadRowsPerPage(12)));

    InboundReceived received = ROUTER.awaitReceived(UUID.fromString(call.uuid()), CALL);
    assertThat(received.result().success()).isFalse();
    assertThat(received.result().badRows()).isPositive();
    // The mod_db insert and the published fact go out independently of each other: wait for both.
    long end = System.nanoTime() + CALL.toNanos();
    while ((ROUTER.fallbacks.stream().noneMatch(f -> f.number().e164().equals("+" + caller))
        || !FS.db().getOrDefault("fallback", Map.of()).containsKey(caller)) && System.nanoTime() < end) {
      RouterStub.sleep(20);
    }
    assertThat(ROUTER.fallbacks).anyMatch(f -> f.number().e164().equals("+" + caller) && f.listed());
    assertThat(FS.db()).containsKey("fallback");
    assertThat(FS.db().get("fallback")).containsKey(caller);
  }

  // ---------------------------------------------------------------- helpers

  /** The call's executed applications once {@code last} is among them (events reach us asynchronously). */
  static List<String> executed(String uuid, String last) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!executed(uuid).contains(last) && System.nanoTime() < end) {
      RouterStub.sleep(20);
    }
    return executed(uuid);
  }

  static List<String> executed(String uuid) {
    return EXECUTED.stream().filter(e -> e[0].equals(uuid)).map(e -> e[1] + " " + e[2]).toList();
  }

  static EslInboundClient sideClient() {
    EslInboundClient c = EslInboundClient.builder(InboundClientConfig.defaults(FS.host(), FS.port(), FS.password()))
        .eventListener(e -> {
          if (e.is("CHANNEL_EXECUTE") && e.uniqueId() != null) {
            String data = e.header("Application-Data");
            EXECUTED.add(new String[] {e.uniqueId(), e.header("Application"), data == null ? "" : data});
          }
        }).build();
    c.subscribe(List.of("CHANNEL_EXECUTE"), List.of());
    c.start().join();
    return c;
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
