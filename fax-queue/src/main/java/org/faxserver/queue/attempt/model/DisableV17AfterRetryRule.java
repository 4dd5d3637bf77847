package org.faxserver.queue.attempt.model;

/**
 * Seed rule {@code disable_v17_after_retry}: once a job's earlier calls have negotiated (trained)
 * {@code afterRetries} times without success, later calls are limited to V.29/V.27ter, the classic cure
 * for lines that cannot hold 14400 bit/s. 0 switches the rule off.
 *
 * <p>Counting negotiations, not calls, follows the seed ({@code TotTries} counted phase B events): a
 * busy signal says nothing about the modem speed. Unlike the seed the count covers the whole job, not
 * one endpoint, because the far modem is the same whichever gateway reaches it.
 */
public record DisableV17AfterRetryRule(int afterRetries) {

  public DisableV17AfterRetryRule {
    if (afterRetries < 0) {
      throw new IllegalArgumentException("disable_v17_after_retry cannot be negative");
    }
  }

  public boolean disablesV17(int priorNegotiations) {
    return afterRetries > 0 && priorNegotiations >= afterRetries;
  }
}
