package org.faxserver.gateway.send.model;

import java.time.Instant;
import java.util.Objects;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.fax.FaxResult;

/**
 * How a fax call ended, ready to be reported as {@code attempt.finished}.
 *
 * @param end        the kind of ending
 * @param result     the folded fax result
 * @param detail     extra explanation (txfax's Application-Response, the watchdog that fired, ...);
 *                   may be null
 * @param answeredAt when the far end answered; null if it never did
 */
public record CallOutcome(AttemptEnd end, FaxResult result, String detail, Instant answeredAt) {

  public CallOutcome {
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(result, "result");
  }
}
