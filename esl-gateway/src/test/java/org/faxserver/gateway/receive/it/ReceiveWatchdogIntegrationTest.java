package org.faxserver.gateway.receive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.gateway.receive.adapter.document.PendingReceptions;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.testkit.freeswitch.CallRecord;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.InboundCallSpec;
import org.faxserver.testkit.freeswitch.Scenario;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The receive watchdog ({@code max-call}) against the stand-in, which queues a socket's
 * {@code execute hangup} behind the event-locked rxfax as FreeSWITCH does: the call must be ended by
 * {@code uuid_kill} and judged at its CHANNEL_HANGUP_COMPLETE, long before the fax would end and
 * before {@code linger-grace} (the socket-close fallback) would run out.
 */
@SpringBootTest(classes = EslGatewayApplication.class)
@DirtiesContext
class ReceiveWatchdogIntegrationTest {

  static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  static final Path DOCS = ReceivingFaxIntegrationTest.tempDir("esl-gateway-watchdog");
  static final int SOCKET_PORT = ReceivingFaxIntegrationTest.freePort();
  static final FreeSwitchStandIn FS = FreeSwitchStandIn.start(StandInConfig.defaults()
      .withOutboundSocket(new InetSocketAddress("127.0.0.1", SOCKET_PORT)));
  static final RouterStub ROUTER = RouterStub.start(TEST_ID);

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    ReceivingFaxIntegrationTest.receivingProperties(r, FS, SOCKET_PORT, DOCS, TEST_ID);
    r.add("faxserver.gateway.inbound.route-timeout", () -> "2s");
    r.add("faxserver.gateway.inbound.max-call", () -> "2s");
    r.add("faxserver.gateway.inbound.linger-grace", () -> "30s");
    r.add("faxserver.gateway.shutdown-drain", () -> "1s");
  }

  @AfterAll
  static void stop() throws Exception {
    FS.close();
    String originate = "esl-gateway.fax.originate.test-" + TEST_ID;
    ROUTER.deleteQueues(originate, originate + ".parking");
    ROUTER.close();
  }

  @Test
  void aCallOverMaxCallIsKilledDespiteTheEventLockedRxfax() {
    String number = "+15550001031";
    ROUTER.answer(number, request -> InboundRouteDecision.accept(request.callId(), "tenant-7", request.callee(),
        T38Policy.ACCEPT, "ACME FAX"));

    long start = System.nanoTime();
    // the remote machine would keep the fax going for a minute
    CallRecord call = FS.dialInbound(InboundCallSpec.from("15550100188").to("15550001031").networkIp("203.0.113.9")
        .scenario(Scenario.scripted(3, 0, Duration.ofSeconds(60))));

    InboundReceived received = ROUTER.awaitReceived(UUID.fromString(call.uuid()), Duration.ofSeconds(20));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(received.result().success()).isFalse();
    // max-call (2 s) + teardown; neither the 60 s fax nor the 30 s linger-grace
    assertThat(took).isLessThan(Duration.ofSeconds(15));
    // confirmed by the broker: no pending record left
    Path record = DOCS.resolve(PendingReceptions.key(UUID.fromString(call.uuid())));
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (Files.exists(record) && System.nanoTime() < end) {
      RouterStub.sleep(20);
    }
    assertThat(record).doesNotExist();
  }
}
