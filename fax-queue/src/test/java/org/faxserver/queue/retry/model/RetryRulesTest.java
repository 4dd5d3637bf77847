package org.faxserver.queue.retry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.queue.support.QueueFixtures.T0;
import static org.faxserver.queue.support.QueueFixtures.busy;
import static org.faxserver.queue.support.QueueFixtures.faxFailed;
import static org.faxserver.queue.support.QueueFixtures.originateFailed;
import static org.faxserver.queue.support.QueueFixtures.retryPolicy;
import static org.faxserver.queue.support.QueueFixtures.sent;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.job.model.FailureReason;
import org.faxserver.queue.support.QueueFixtures;
import org.junit.jupiter.api.Test;

/** One test per seed rule of the retry decision, named by the rule. */
class RetryRulesTest {

  @Test
  void retryAttemptsCountsTriesPerEndpointIncludingTheFirst() {
    RetryAttemptsRule rule = new RetryAttemptsRule(3);

    assertThat(rule.allowsAnotherTry(1)).isTrue();
    assertThat(rule.allowsAnotherTry(2)).isTrue();
    assertThat(rule.allowsAnotherTry(3)).isFalse();
  }

  @Test
  void retryDelayWaitsTheConfiguredTimeWithoutTheSeedsSixtySecondCap() {
    RetryDelayRule rule = new RetryDelayRule(RetryDelay.parse("1h"));

    assertThat(rule.nextAttemptAt(T0)).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void failedResponseMakesAnOriginateFailureFinalForTheEndpoint() {
    FinalHangupCauseRule rule = new FinalHangupCauseRule(Set.of(HangupCause.UNALLOCATED_NUMBER));

    assertThat(rule.isFinal(originateFailed(HangupCause.UNALLOCATED_NUMBER))).isTrue();
    assertThat(rule.isFinal(originateFailed(HangupCause.USER_BUSY))).isFalse();
  }

  @Test
  void failedResponseDoesNotApplyToConnectedCalls() {
    FinalHangupCauseRule rule = new FinalHangupCauseRule(Set.of(HangupCause.NORMAL_CLEARING));

    assertThat(rule.isFinal(faxFailed(1, 0))).isFalse();
  }

  @Test
  void aRetryableFailureIsRetriedAfterTheDelayWhileTriesRemain() {
    RetryDecision decision = retryPolicy(3, "90s").decide(busy(), 1, true, T0);

    assertThat(decision).isInstanceOf(RetryDecision.RetryAt.class);
    assertThat(((RetryDecision.RetryAt) decision).at()).isEqualTo(T0.plusSeconds(90));
  }

  @Test
  void usedUpTriesMoveToTheNextEndpointAtOnce() {
    assertThat(retryPolicy(3, "90s").decide(busy(), 3, true, T0)).isInstanceOf(RetryDecision.NextEndpoint.class);
  }

  @Test
  void aFailedResponseCauseMovesOnWithoutRetrying() {
    RetryDecision decision = retryPolicy(3, "90s", HangupCause.CALL_REJECTED)
        .decide(originateFailed(HangupCause.CALL_REJECTED), 1, true, T0);

    assertThat(decision).isInstanceOf(RetryDecision.NextEndpoint.class);
  }

  @Test
  void aBrokenDocumentIsNotRetriedOnTheSameEndpoint() {
    FaxResult fileError = new FaxResult(false, 41, "TIFF/F file cannot be opened", 0, 0,
        HangupCause.NORMAL_CLEARING, null, null, null, false, T38Status.OFF, 0, 0, null);
    AttemptOutcome outcome = AttemptOutcome.of(QueueFixtures.finished(UUID.randomUUID(), AttemptEnd.FAX_COMPLETED,
        fileError));

    assertThat(retryPolicy(3, "90s").decide(outcome, 1, true, T0)).isInstanceOf(RetryDecision.NextEndpoint.class);
  }

  @Test
  void aFailureOnTheLastEndpointGivesUpWithATypedReason() {
    RetryDecision decision = retryPolicy(1, "90s").decide(busy(), 1, false, T0);

    assertThat(decision).isInstanceOf(RetryDecision.GiveUp.class);
    FailureReason reason = ((RetryDecision.GiveUp) decision).reason();
    assertThat(reason.type()).isEqualTo(FailureReason.Type.ALL_ENDPOINTS_FAILED);
    assertThat(reason.code()).isEqualTo("USER_BUSY");
  }

  @Test
  void aSuccessIsDelivered() {
    assertThat(retryPolicy(3, "90s").decide(sent(), 1, true, T0)).isInstanceOf(RetryDecision.Delivered.class);
  }
}
