package org.faxserver.gateway.send.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.testkit.freeswitch.CallRecord;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.Scenario;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sending side end to end: {@code fax.originate} on RabbitMQ → the gateway → the FreeSWITCH
 * stand-in running the real spandsp T.30 engine → {@code attempt.progress} / {@code attempt.finished}.
 */
@SpringBootTest(classes = EslGatewayApplication.class)
@DirtiesContext
class SendingFaxIntegrationTest {

  static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  static final Path DOCS = GatewayTestSupport.documentRoot();
  static final FreeSwitchStandIn FS = FreeSwitchStandIn.start(StandInConfig.defaults())
      .scenario("15550001486", Scenario.busy())
      .scenario("15550001777", Scenario.neverHangsUp())
      .scenario("15550001778", Scenario.success().withPace(10))
      .scenario("15550001779", Scenario.slowAnswer(Duration.ofSeconds(30)))
      .scenario("15550001780", Scenario.success().withPace(2));
  static final FaxEventsProbe PROBE = FaxEventsProbe.start();
  static final Duration CALL = Duration.ofSeconds(20);

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

  static OriginateFax send(OriginateFax cmd) {
    PROBE.publishCommand(GatewayTestSupport.routingKey(TEST_ID), GatewayTestSupport.envelope(cmd));
    return cmd;
  }

  @Test
  void threePageFaxGoesThroughAndIsReportedOnce() {
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001001", T38Policy.ACCEPT));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();

    assertThat(finished.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
    assertThat(finished.jobId()).isEqualTo(cmd.jobId());
    assertThat(finished.gateway()).isEqualTo("carrier1");
    assertThat(finished.answeredAt()).isNotNull();
    FaxResult r = finished.result();
    assertThat(r.success()).isTrue();
    assertThat(r.resultCode()).isZero();
    assertThat(r.pagesTransferred()).isEqualTo(3);
    assertThat(r.pagesTotal()).isEqualTo(3);
    assertThat(r.pages()).hasSize(3);
    assertThat(r.remoteStationId()).isEqualTo("+15550200");
    assertThat(r.transferRate()).isEqualTo(14400);
    assertThat(r.hangupCause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(r.negotiationCount()).isEqualTo(1);

    List<AttemptProgress> progress = PROBE.progress(cmd.attemptId());
    assertThat(progress).extracting(AttemptProgress::stage).containsExactly(ProgressStage.ANSWERED,
        ProgressStage.NEGOTIATED, ProgressStage.PAGE_TRANSFERRED, ProgressStage.PAGE_TRANSFERRED,
        ProgressStage.PAGE_TRANSFERRED);
    assertThat(progress.get(1).negotiation().transferRate()).isEqualTo(14400);
    assertThat(progress.get(4).pagesTransferred()).isEqualTo(3);
    assertThat(progress.get(4).pagesTotal()).isEqualTo(3);

    // the far end really received the three pages
    assertThat(TestFaxDocuments.pageCount(FS.receivedTiff(cmd.attemptId().toString()))).isEqualTo(3);
    assertThat(FS.call(cmd.attemptId().toString()).remoteResult()).containsEntry("code", "0");
    // the dial string carried the command's decisions, escaped
    assertThat(FS.call(cmd.attemptId().toString()).variables())
        .containsEntry("origination_uuid", cmd.attemptId().toString())
        .containsEntry("fax_header", "ACME, Inc. fax").containsEntry("fax_ident", "+15550100100")
        .containsEntry("fax_enable_t38", "true").containsEntry("fax_enable_t38_request", "false")
        .containsEntry("ignore_early_media", "true").containsEntry("faxserver_job_id", cmd.jobId().toString());

    FaxEventsProbe.sleep(300);
    assertThat(PROBE.finished(cmd.attemptId())).hasSize(1);
  }

  @Test
  void busyNumberFailsTheOriginateWithUserBusy() {
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001486", T38Policy.ACCEPT));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();

    assertThat(finished.end()).isEqualTo(AttemptEnd.ORIGINATE_FAILED);
    assertThat(finished.result().hangupCause()).isEqualTo(HangupCause.USER_BUSY);
    assertThat(finished.result().success()).isFalse();
    assertThat(finished.answeredAt()).isNull();
    assertThat(PROBE.progress(cmd.attemptId())).isEmpty();
  }

  @Test
  void missingDocumentIsAnEarlyErrorWithoutACall() {
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001002", T38Policy.ACCEPT, "tenant-1/nope.tif",
        Instant.now().plusSeconds(3600)));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();

    assertThat(finished.end()).isEqualTo(AttemptEnd.EARLY_ERROR);
    assertThat(finished.detail()).contains("tenant-1/nope.tif");
    assertThat(FS.call(cmd.attemptId().toString())).isNull();
  }

  @Test
  void callPastItsDeadlineIsKilledByTheWatchdog() {
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001778", T38Policy.ACCEPT, GatewayTestSupport.DOC3,
        Instant.now().plusMillis(1500)));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();

    assertThat(finished.end()).isEqualTo(AttemptEnd.WATCHDOG);
    assertThat(finished.detail()).contains("deadline");
    assertThat(finished.result().success()).isFalse();
    CallRecord call = FS.call(cmd.attemptId().toString());
    assertThat(call.awaitHangup(Duration.ofSeconds(5))).isNotNull();
    try (EslInboundClient side = GatewayTestSupport.sideClient(FS)) {
      assertThat(side.api("uuid_exists " + cmd.attemptId()).join()).isEqualTo("false");
    }
  }

  @Test
  void unansweredCallIsKilledAfterTheAnswerTimeout() {
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001779", T38Policy.ACCEPT));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();

    assertThat(finished.end()).isEqualTo(AttemptEnd.WATCHDOG);
    assertThat(finished.detail()).contains("not answered");
    assertThat(finished.answeredAt()).isNull();
    assertThat(FS.call(cmd.attemptId().toString()).awaitHangup(Duration.ofSeconds(5))).isNotNull();
  }

  @Test
  void callThatNeverHangsUpAfterASuccessfulFaxIsKilledAndStaysASuccess() {
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001777", T38Policy.ACCEPT));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();

    assertThat(finished.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
    assertThat(finished.result().success()).isTrue();
    assertThat(finished.detail()).contains("no hangup");
    assertThat(FS.call(cmd.attemptId().toString()).awaitHangup(Duration.ofSeconds(5))).isNotNull();
  }

  @Test
  void callKillEndsOurCall() {
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001780", T38Policy.ACCEPT));
    GatewayTestSupport.await("negotiation", CALL, () -> PROBE.progress(cmd.attemptId()).stream()
        .anyMatch(p -> p.stage() == ProgressStage.NEGOTIATED));

    PROBE.publishCallKill(cmd.attemptId());

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();
    assertThat(finished.end()).isEqualTo(AttemptEnd.CALL_DROPPED);
    assertThat(finished.detail()).contains("job cancelled");
    assertThat(FS.call(cmd.attemptId().toString()).awaitHangup(Duration.ofSeconds(5))).isNotNull();
  }

  @Test
  void numberOnTheModDbFallbackListIsDialledWithT38Off() {
    try (EslInboundClient side = GatewayTestSupport.sideClient(FS)) {
      side.api("db insert/fallback/15550001003/1764140000").join();
    }
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001003", T38Policy.REQUEST));

    assertThat(PROBE.awaitFinished(cmd.attemptId(), CALL).payload().result().success()).isTrue();
    assertThat(FS.call(cmd.attemptId().toString()).variables())
        .containsEntry("fax_enable_t38", "false").containsEntry("fax_enable_t38_request", "false");
  }

  @Test
  void modDbOverridesAreAppliedLastAndWin() {
    try (EslInboundClient side = GatewayTestSupport.sideClient(FS)) {
      side.api("db insert/override-15550001004/fax_use_ecm/false").join();
      side.api("db insert/override-15550001004/fax_ident/+4930123456").join();
    }
    OriginateFax cmd = send(GatewayTestSupport.originate("+15550001004", T38Policy.ACCEPT));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), CALL).payload();

    assertThat(FS.call(cmd.attemptId().toString()).variables()).containsEntry("fax_use_ecm", "false")
        .containsEntry("fax_ident", "+4930123456");
    assertThat(finished.result().ecmUsed()).isFalse();
    assertThat(finished.result().localStationId()).isEqualTo("+4930123456");
  }

  @Test
  void unreadableCommandIsParkedNotLooped(@Autowired AmqpAdmin admin) {
    String parking = "esl-gateway.fax.originate.test-" + TEST_ID + ".parking";

    PROBE.publishRawCommand(GatewayTestSupport.routingKey(TEST_ID), "{\"type\":\"fax.originate\",\"payload\":{}}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    GatewayTestSupport.await("the command to be parked", CALL, () -> admin.getQueueInfo(parking).getMessageCount() == 1);
  }

  @Test
  void duplicateCommandIsNotDialledTwice() {
    OriginateFax cmd = GatewayTestSupport.originate("+15550001005", T38Policy.ACCEPT);
    send(cmd);
    PROBE.awaitFinished(cmd.attemptId(), CALL);

    send(cmd); // a redelivery, e.g. after a broker hiccup

    FaxEventsProbe.sleep(1000);
    assertThat(FS.calls().stream().filter(c -> c.uuid().equals(cmd.attemptId().toString()))).hasSize(1);
    assertThat(PROBE.finished(cmd.attemptId())).hasSize(1);
  }
}
