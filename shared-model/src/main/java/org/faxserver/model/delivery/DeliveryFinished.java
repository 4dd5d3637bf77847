package org.faxserver.model.delivery;

import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.job.EndpointKind;

/**
 * Fact (notifier → queue): a webhook or email delivery attempt is over. The notifier judges whether a
 * failure is worth retrying (HTTP 408/429/5xx or network errors yes, other 4xx no); the queue decides
 * when.
 *
 * @param attemptId  the delivery attempt from the command
 * @param jobId      the job
 * @param endpointId the endpoint
 * @param kind       {@link EndpointKind#WEBHOOK} or {@link EndpointKind#EMAIL}
 * @param success    whether the receiver accepted it
 * @param retryable  for failures: whether trying again may help
 * @param httpStatus the webhook's HTTP status; null for email or when no response came
 * @param detail     short explanation, e.g. "HTTP 503" or "connection refused"; may be null
 */
public record DeliveryFinished(
    UUID attemptId,
    UUID jobId,
    String endpointId,
    EndpointKind kind,
    boolean success,
    boolean retryable,
    Integer httpStatus,
    String detail) {

  public static final String TYPE = "delivery.finished";
  public static final int VERSION = 1;

  public DeliveryFinished {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(kind, "kind");
    if (success && retryable) {
      throw new IllegalArgumentException("a successful delivery is not retryable");
    }
  }

  public static DeliveryFinished delivered(
      UUID attemptId, UUID jobId, String endpointId, EndpointKind kind, Integer httpStatus) {
    return new DeliveryFinished(attemptId, jobId, endpointId, kind, true, false, httpStatus, null);
  }

  public static DeliveryFinished failed(
      UUID attemptId,
      UUID jobId,
      String endpointId,
      EndpointKind kind,
      boolean retryable,
      Integer httpStatus,
      String detail) {
    return new DeliveryFinished(attemptId, jobId, endpointId, kind, false, retryable, httpStatus, detail);
  }
}
