package org.faxserver.queue.attempt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.queue.support.QueueFixtures.T0;
import static org.faxserver.queue.support.QueueFixtures.settingsPolicy;

import java.time.Duration;
import org.faxserver.model.fax.FaxSettings;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.job.JobOptions;
import org.junit.jupiter.api.Test;

/** The degrade rules and the stuck-attempt rule, one test per rule. */
class AttemptRulesTest {

  @Test
  void disablesV17OnAttemptsAfterTheConfiguredRetry() {
    DisableV17AfterRetryRule rule = new DisableV17AfterRetryRule(2);

    assertThat(rule.disablesV17(1)).isFalse();
    assertThat(rule.disablesV17(2)).isTrue();
    assertThat(new DisableV17AfterRetryRule(0).disablesV17(99)).as("0 switches it off").isFalse();
  }

  @Test
  void requestsEcmByDefaultAndDisablesItAfterTheConfiguredRetry() {
    FaxSettingsPolicy policy = settingsPolicy(0, 2);

    assertThat(policy.settingsFor(JobOptions.none(), 0, false).ecm()).isTrue();
    assertThat(policy.settingsFor(JobOptions.none(), 1, false).ecm()).isTrue();
    assertThat(policy.settingsFor(JobOptions.none(), 2, false).ecm()).isFalse();
  }

  @Test
  void aNumberOnTheFallbackListGetsT38OffAndKeepsTheJobsIdentAndHeader() {
    FaxSettings settings = settingsPolicy(0, 0).settingsFor(new JobOptions("HDR", "IDENT", null, null), 0, true);

    assertThat(settings.t38()).isEqualTo(T38Policy.OFF);
    assertThat(settings.header()).isEqualTo("HDR");
    assertThat(settings.ident()).isEqualTo("IDENT");
    assertThat(settingsPolicy(0, 0).settingsFor(JobOptions.none(), 0, false).t38()).isEqualTo(T38Policy.REQUEST);
  }

  @Test
  void aStuckAttemptIsKilledAfterDeadlinePlusGraceAndPresumedGoneOnlyAfterTheReconcileTimeout() {
    StuckAttemptRule rule = new StuckAttemptRule(Duration.ofSeconds(30), Duration.ofMinutes(5));
    var deadline = T0;

    assertThat(rule.verdict(deadline, null, T0.plusSeconds(30))).isEqualTo(StuckAttemptRule.Verdict.WAIT);
    assertThat(rule.verdict(deadline, null, T0.plusSeconds(31))).isEqualTo(StuckAttemptRule.Verdict.KILL);
    var killedAt = T0.plusSeconds(31);
    assertThat(rule.verdict(deadline, killedAt, killedAt.plusSeconds(300))).isEqualTo(StuckAttemptRule.Verdict.WAIT);
    assertThat(rule.verdict(deadline, killedAt, killedAt.plusSeconds(301)))
        .isEqualTo(StuckAttemptRule.Verdict.PRESUME_GONE);
  }
}
