package org.faxserver.gateway.send.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.gateway.config.FreeSwitchProperties;
import org.faxserver.gateway.config.GatewayProperties;
import org.faxserver.gateway.send.adapter.health.FreeSwitchHealthIndicator;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * While FreeSWITCH is unreachable the gateway does not consume: commands wait in the shared queue
 * (where another gateway could take them) and go out once FreeSWITCH is back.
 */
@SpringBootTest(classes = EslGatewayApplication.class)
@DirtiesContext
class FreeSwitchOutageIntegrationTest {

  static final String TEST_ID = UUID.randomUUID().toString().substring(0, 8);
  static final String QUEUE = "esl-gateway.fax.originate.test-" + TEST_ID;
  static final int PORT = GatewayTestSupport.freePort();
  static final Path DOCS = GatewayTestSupport.documentRoot();
  static final FaxEventsProbe PROBE = FaxEventsProbe.start();
  static volatile FreeSwitchStandIn fs; // down at first

  @Autowired
  AmqpAdmin admin;

  @Autowired
  FreeSwitchHealthIndicator health;

  @Autowired
  GatewayProperties gateway;

  @Autowired
  FreeSwitchProperties freeSwitch;

  @DynamicPropertySource
  static void infra(DynamicPropertyRegistry r) {
    GatewayTestSupport.register(r, PORT, DOCS, TEST_ID);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fs != null) {
      fs.close();
    }
    PROBE.deleteTestQueues(TEST_ID);
    PROBE.close();
  }

  QueueInformation queue() {
    return admin.getQueueInfo(QUEUE);
  }

  @Test
  void commandsWaitWhileFreeswitchIsDownAndGoOutWhenItIsBack() {
    OriginateFax cmd = GatewayTestSupport.originate("+15550003001", T38Policy.ACCEPT);
    PROBE.publishCommand(GatewayTestSupport.routingKey(TEST_ID), GatewayTestSupport.envelope(cmd));

    GatewayTestSupport.await("the command to be queued", Duration.ofSeconds(5), () -> queue().getMessageCount() == 1);
    FaxEventsProbe.sleep(1000); // several reconnect attempts later, still nobody consumes
    assertThat(queue().getConsumerCount()).isZero();
    assertThat(queue().getMessageCount()).isEqualTo(1);
    assertThat(PROBE.finished(cmd.attemptId())).isEmpty();
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

    fs = FreeSwitchStandIn.start(StandInConfig.defaults().withPort(PORT));

    AttemptFinished finished = PROBE.awaitFinished(cmd.attemptId(), Duration.ofSeconds(20)).payload();
    assertThat(finished.end()).isEqualTo(AttemptEnd.FAX_COMPLETED);
    assertThat(finished.result().success()).isTrue();
    assertThat(queue().getConsumerCount()).isEqualTo(Math.min(gateway.consumers(), freeSwitch.maxChannels()));
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    fs.close();

    GatewayTestSupport.await("the consumer to stop", Duration.ofSeconds(10), () -> queue().getConsumerCount() == 0);
  }
}
