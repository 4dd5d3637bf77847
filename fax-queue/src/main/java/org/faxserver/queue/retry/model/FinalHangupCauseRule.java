package org.faxserver.queue.retry.model;

import java.util.Set;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.queue.attempt.model.AttemptOutcome;

/**
 * Seed rule {@code failed_response}: an originate that fails with one of these hangup causes (e.g.
 * UNALLOCATED_NUMBER) is not retried on that endpoint; the plan moves to the next endpoint at once.
 *
 * <p>Applied to originate failures only, as the seed does: once a call connected, its hangup cause
 * (usually NORMAL_CLEARING) says how the call ended, not that the number cannot be reached, and a
 * connected-but-failed fax is exactly what retries cure.
 */
public record FinalHangupCauseRule(Set<HangupCause> causes) {

  public FinalHangupCauseRule {
    causes = Set.copyOf(causes);
  }

  public boolean isFinal(AttemptOutcome outcome) {
    return outcome.end() == AttemptEnd.ORIGINATE_FAILED && causes.contains(outcome.hangupCause());
  }
}
