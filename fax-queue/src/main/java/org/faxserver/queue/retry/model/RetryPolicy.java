package org.faxserver.queue.retry.model;

import java.time.Instant;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.job.model.FailureReason;

/**
 * Decides what follows an attempt from the seed's rules: a success ends the plan;
 * {@code failed_response} causes and non-retryable failures move on at once; otherwise the endpoint is
 * retried after {@code retry_delay} until {@code retry_attempts} tries are used up, then the plan
 * moves on; after the last endpoint the job fails with the last failure as its reason.
 */
public record RetryPolicy(
    RetryAttemptsRule attempts, RetryDelayRule delay, FinalHangupCauseRule finalCauses) {

  /**
   * @param outcome         how the attempt ended
   * @param triesOnEndpoint tries of the current endpoint, this one included
   * @param hasNextEndpoint whether the plan has another endpoint after the current one
   * @param now             when the outcome arrived
   */
  public RetryDecision decide(
      AttemptOutcome outcome, int triesOnEndpoint, boolean hasNextEndpoint, Instant now) {
    if (outcome.success()) {
      return new RetryDecision.Delivered();
    }
    if (finalCauses.isFinal(outcome)) {
      return moveOn(hasNextEndpoint, outcome, "failed_response " + outcome.hangupCause());
    }
    if (!outcome.retryable()) {
      return moveOn(hasNextEndpoint, outcome, "not retryable: " + outcome.describe());
    }
    if (attempts.allowsAnotherTry(triesOnEndpoint)) {
      return new RetryDecision.RetryAt(
          delay.nextAttemptAt(now),
          outcome.describe() + ", retry " + triesOnEndpoint + " of " + (attempts.attemptsPerEndpoint() - 1));
    }
    return moveOn(hasNextEndpoint, outcome, "retry_attempts used up: " + outcome.describe());
  }

  private static RetryDecision moveOn(boolean hasNextEndpoint, AttemptOutcome outcome, String why) {
    if (hasNextEndpoint) {
      return new RetryDecision.NextEndpoint(why);
    }
    return new RetryDecision.GiveUp(FailureReason.allEndpointsFailed(outcome));
  }
}
