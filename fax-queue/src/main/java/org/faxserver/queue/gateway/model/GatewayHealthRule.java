package org.faxserver.queue.gateway.model;

import java.util.EnumSet;
import java.util.Set;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.queue.attempt.model.AttemptOutcome;

/**
 * What an attempt says about the health of the gateway it used, for the per-gateway circuit breaker.
 * Only originate failures whose cause points at the gateway or the network count against it; a busy or
 * unknown number, or a fax that failed on a connected call, is the far end's problem and proves the
 * gateway works.
 */
public final class GatewayHealthRule {

  /** The verdict on the gateway. */
  public enum Health {
    /** The gateway carried the call attempt. */
    WORKING,
    /** The gateway or the network behind it failed. */
    FAILING,
    /** Says nothing either way (e.g. our own watchdog fired). */
    UNKNOWN
  }

  /** Causes that describe the called number, not the path to it. */
  private static final Set<HangupCause> REMOTE_CAUSES = EnumSet.of(
      HangupCause.USER_BUSY, HangupCause.NO_ANSWER, HangupCause.NO_USER_RESPONSE,
      HangupCause.UNALLOCATED_NUMBER, HangupCause.CALL_REJECTED, HangupCause.NUMBER_CHANGED,
      HangupCause.INVALID_NUMBER_FORMAT, HangupCause.SUBSCRIBER_ABSENT, HangupCause.NORMAL_CLEARING,
      HangupCause.DESTINATION_OUT_OF_ORDER, HangupCause.INCOMPATIBLE_DESTINATION,
      HangupCause.REDIRECTION_TO_NEW_DESTINATION, HangupCause.NO_ROUTE_DESTINATION,
      HangupCause.INCOMING_CALL_BARRED, HangupCause.ORIGINATOR_CANCEL);

  public Health judge(AttemptOutcome outcome) {
    if (outcome.end() == AttemptEnd.ORIGINATE_FAILED) {
      return REMOTE_CAUSES.contains(outcome.hangupCause()) ? Health.WORKING : Health.FAILING;
    }
    if (outcome.end() == AttemptEnd.WATCHDOG || outcome.end() == AttemptEnd.UNKNOWN) {
      return Health.UNKNOWN;
    }
    return Health.WORKING;
  }
}
