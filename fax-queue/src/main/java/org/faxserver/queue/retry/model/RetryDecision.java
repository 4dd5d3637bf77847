package org.faxserver.queue.retry.model;

import java.time.Instant;
import org.faxserver.queue.job.model.FailureReason;

/** What {@link RetryPolicy} answers after an attempt: the decision, not its execution. */
public sealed interface RetryDecision {

  /** The endpoint took the fax: the plan is done. */
  record Delivered() implements RetryDecision {}

  /** Try the same endpoint again at {@code at}. */
  record RetryAt(Instant at, String reason) implements RetryDecision {}

  /** Stop trying this endpoint and go on with the next one now. */
  record NextEndpoint(String reason) implements RetryDecision {}

  /** Nothing left to try: the job failed. */
  record GiveUp(FailureReason reason) implements RetryDecision {}
}
