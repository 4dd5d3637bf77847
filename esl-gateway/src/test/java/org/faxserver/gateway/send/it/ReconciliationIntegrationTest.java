package org.faxserver.gateway.send.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.Scenario;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway that (re)starts while FreeSWITCH still has a fax call of ours that nobody follows (the
 * previous process died mid-call) kills it and reports it, so the queue retries a call that is
 * certainly down; the redelivered command of that attempt is then not dialled again. Calls that are
 * not ours are left alone.
 */
@SpringBootTest(classes = EslGatewayApplication.class)
@DirtiesContext
class ReconciliationIntegrationTest {

  static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  static final Path DOCS = GatewayTestSupport.documentRoot();
  static final FaxEventsProbe PROBE = FaxEventsProbe.start();
  static final FreeSwitchStandIn FS = FreeSwitchStandIn.start(StandInConfig.defaults())
      .defaultScenario(Scenario.neverHangsUp());
  static final UUID ORPHAN = UUID.randomUUID();
  static final UUID ORPHAN_JOB = UUID.randomUUID();
  static final UUID FOREIGN = UUID.randomUUID();

  static {
    // What a crashed gateway left behind, and a call some other application made on the node.
    try (EslInboundClient side = GatewayTestSupport.sideClient(FS)) {
      String doc = DOCS.resolve(GatewayTestSupport.DOC3).toString();
      side.bgapi("originate {origination_uuid=" + ORPHAN + ",faxserver_job_id=" + ORPHAN_JOB
          + "}sofia/gateway/carrier1/15550004001 &txfax(" + doc + ")").join();
      side.bgapi("originate {origination_uuid=" + FOREIGN + "}sofia/gateway/carrier1/15550004002 &txfax(" + doc + ")")
          .join();
      assertThat(side.api("uuid_exists " + ORPHAN).join()).isEqualTo("true");
    }
  }

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    GatewayTestSupport.register(r, FS.port(), DOCS, TEST_ID);
  }

  @AfterAll
  static void stop() throws Exception {
    FS.close();
    PROBE.deleteTestQueues(TEST_ID);
    PROBE.close();
  }

  @Test
  void orphanedCallIsKilledAndReportedAndItsRedeliveredCommandIsDropped() {
    AttemptFinished finished = PROBE.awaitFinished(ORPHAN, Duration.ofSeconds(20)).payload();

    assertThat(finished.end()).isEqualTo(AttemptEnd.CALL_DROPPED);
    assertThat(finished.jobId()).isEqualTo(ORPHAN_JOB);
    assertThat(finished.gateway()).isEqualTo("carrier1");
    assertThat(FS.call(ORPHAN.toString()).awaitHangup(Duration.ofSeconds(5))).isNotNull();
    try (EslInboundClient side = GatewayTestSupport.sideClient(FS)) {
      assertThat(side.api("uuid_exists " + FOREIGN).join()).isEqualTo("true");
    }

    OriginateFax redelivered = new OriginateFax(ORPHAN, ORPHAN_JOB, 1, "carrier1",
        org.faxserver.model.PhoneNumber.ofE164("+15550004001"), null, null,
        org.faxserver.model.DocumentRef.tiff(GatewayTestSupport.DOC3), null, Instant.now().plusSeconds(600));
    PROBE.publishCommand(GatewayTestSupport.routingKey(TEST_ID), GatewayTestSupport.envelope(redelivered));

    FaxEventsProbe.sleep(1000);
    assertThat(FS.calls().stream().filter(c -> c.uuid().equals(ORPHAN.toString()))).hasSize(1);
    assertThat(PROBE.finished(ORPHAN)).hasSize(1);
  }
}
