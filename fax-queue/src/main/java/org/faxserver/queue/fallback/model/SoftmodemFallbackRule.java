package org.faxserver.queue.fallback.model;

import org.faxserver.queue.attempt.model.AttemptOutcome;

/**
 * Seed rule {@code softmodem_fallback}: a fax that failed after more than one negotiation, or with any
 * bad rows, suggests T.38 trouble, so the destination goes on the fallback list and later calls to it
 * run with T.38 off. With the feature switched off nothing is learned and the list is not applied.
 */
public record SoftmodemFallbackRule(boolean enabled) {

  public boolean learnsFrom(AttemptOutcome outcome) {
    return enabled && !outcome.success() && (outcome.negotiations() > 1 || outcome.badRows() > 0);
  }

  /** Whether a number found on the list gets T.38 off. */
  public boolean appliesTo(boolean listed) {
    return enabled && listed;
  }
}
