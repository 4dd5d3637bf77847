package org.faxserver.queue.retry.model;

import java.time.Instant;

/**
 * Seed rule {@code retry_delay}: a retry of the same endpoint waits this long. Constant rather than
 * doubling: the seed's doubling was capped at 60 s, so in practice it was constant too, and an operator
 * who writes "5m" expects five minutes.
 */
public record RetryDelayRule(RetryDelay delay) {

  public Instant nextAttemptAt(Instant failedAt) {
    return failedAt.plus(delay.duration());
  }
}
