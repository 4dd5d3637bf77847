package org.faxserver.queue.retry.model;

/**
 * Seed rule {@code retry_attempts}: how many times one endpoint is tried (the first try included)
 * before the plan moves on to the next endpoint. Default 3, as in the seed.
 */
public record RetryAttemptsRule(int attemptsPerEndpoint) {

  public static final int DEFAULT = 3;

  public RetryAttemptsRule {
    if (attemptsPerEndpoint < 1) {
      throw new IllegalArgumentException("retry_attempts must be at least 1, was " + attemptsPerEndpoint);
    }
  }

  /** Whether an endpoint already tried {@code triesSoFar} times may be tried again. */
  public boolean allowsAnotherTry(int triesSoFar) {
    return triesSoFar < attemptsPerEndpoint;
  }
}
