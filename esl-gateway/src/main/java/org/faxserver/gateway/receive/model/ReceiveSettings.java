package org.faxserver.gateway.receive.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The seed's receive settings.
 *
 * @param answerAfter  ring this long before answering ({@code answer_after}); zero skips
 *                     {@code ring_ready} and {@code sleep}
 * @param waitTime     silence after answering, before rxfax ({@code wait_time}); zero skips it
 * @param defaultIdent the CSI when neither the number nor the decision names one; blank = the
 *                     recipient's number
 */
public record ReceiveSettings(Duration answerAfter, Duration waitTime, String defaultIdent) {

  public ReceiveSettings {
    Objects.requireNonNull(answerAfter, "answerAfter");
    Objects.requireNonNull(waitTime, "waitTime");
    if (answerAfter.isNegative() || waitTime.isNegative()) {
      throw new IllegalArgumentException("answer-after and wait-time cannot be negative");
    }
  }
}
