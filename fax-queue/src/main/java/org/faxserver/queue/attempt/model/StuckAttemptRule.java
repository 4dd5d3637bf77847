package org.faxserver.queue.attempt.model;

import java.time.Duration;
import java.time.Instant;

/**
 * When a live attempt is stuck. An attempt that outlives its deadline by {@code killGrace} gets its
 * call killed; it then stays live (no retry may start: a job never has two calls) until esl-gateway
 * reports it finished, or until {@code reconcileTimeout} after the kill proves it gone.
 */
public record StuckAttemptRule(Duration killGrace, Duration reconcileTimeout) {

  /** What to do about a live attempt now. */
  public enum Verdict {
    /** Still within its time. */
    WAIT,
    /** Past deadline + grace and not killed yet: send {@code call.kill}. */
    KILL,
    /** Killed long enough ago without any report: treat the call as gone. */
    PRESUME_GONE
  }

  /**
   * @param deadline the attempt's deadline
   * @param killedAt when {@code call.kill} was sent; null if not yet
   */
  public Verdict verdict(Instant deadline, Instant killedAt, Instant now) {
    if (killedAt != null) {
      return now.isAfter(killedAt.plus(reconcileTimeout)) ? Verdict.PRESUME_GONE : Verdict.WAIT;
    }
    return now.isAfter(deadline.plus(killGrace)) ? Verdict.KILL : Verdict.WAIT;
  }
}
