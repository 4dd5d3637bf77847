package org.faxserver.notifier.delivery.model;

/**
 * How one try of a delivery went.
 *
 * @param success    the receiver accepted it
 * @param retryable  for failures: whether trying again may help
 * @param httpStatus the webhook's status; null for email or when no response came
 * @param detail     short explanation, e.g. "HTTP 503" or "connection refused"; null on success
 */
public record TryOutcome(boolean success, boolean retryable, Integer httpStatus, String detail) {

  public TryOutcome {
    if (success && retryable) {
      throw new IllegalArgumentException("a success is not retryable");
    }
  }

  public static TryOutcome delivered(Integer httpStatus) {
    return new TryOutcome(true, false, httpStatus, null);
  }

  /** A failure that may go away: network trouble, 408, 429, 5xx, a busy mail server. */
  public static TryOutcome transientFailure(Integer httpStatus, String detail) {
    return new TryOutcome(false, true, httpStatus, detail);
  }

  /** A failure that will not go away by itself: 4xx, a refused address, a rejected recipient. */
  public static TryOutcome permanentFailure(Integer httpStatus, String detail) {
    return new TryOutcome(false, false, httpStatus, detail);
  }
}
