package org.faxserver.queue.gateway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.queue.support.QueueFixtures.busy;
import static org.faxserver.queue.support.QueueFixtures.faxFailed;
import static org.faxserver.queue.support.QueueFixtures.originateFailed;

import org.faxserver.model.fax.HangupCause;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.gateway.model.GatewayHealthRule.Health;
import org.junit.jupiter.api.Test;

class GatewayHealthRuleTest {

  private final GatewayHealthRule rule = new GatewayHealthRule();

  @Test
  void networkLevelOriginateFailuresCountAgainstTheGateway() {
    assertThat(rule.judge(originateFailed(HangupCause.GATEWAY_DOWN))).isEqualTo(Health.FAILING);
    assertThat(rule.judge(originateFailed(HangupCause.NORMAL_TEMPORARY_FAILURE))).isEqualTo(Health.FAILING);
  }

  @Test
  void problemsOfOneRemoteNumberDoNotCountAgainstTheGateway() {
    assertThat(rule.judge(busy())).isEqualTo(Health.WORKING);
    assertThat(rule.judge(originateFailed(HangupCause.UNALLOCATED_NUMBER))).isEqualTo(Health.WORKING);
    assertThat(rule.judge(faxFailed(3, 10))).isEqualTo(Health.WORKING);
    assertThat(rule.judge(AttemptOutcome.presumedGone("x"))).isEqualTo(Health.UNKNOWN);
  }
}
