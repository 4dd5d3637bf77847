package org.faxserver.queue.attempt.model;

/**
 * Seed rule {@code disable_ecm_after_retry}: ECM is requested by default (the seed never requested it,
 * which made this rule a no-op there); once a job's earlier calls have negotiated {@code afterRetries}
 * times without success, later calls go without ECM, which some far ends handle badly. 0 switches the
 * rule off. Counted like {@link DisableV17AfterRetryRule}.
 */
public record DisableEcmAfterRetryRule(int afterRetries) {

  public DisableEcmAfterRetryRule {
    if (afterRetries < 0) {
      throw new IllegalArgumentException("disable_ecm_after_retry cannot be negative");
    }
  }

  public boolean disablesEcm(int priorNegotiations) {
    return afterRetries > 0 && priorNegotiations >= afterRetries;
  }
}
