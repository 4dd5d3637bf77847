package org.faxserver.queue.job.model;

import java.util.Objects;
import org.faxserver.queue.attempt.model.AttemptOutcome;

/**
 * Why a job did not succeed, typed so clients can react without parsing text.
 *
 * @param type    the kind of failure
 * @param code    the last attempt's error code (T.30 code, hangup cause, HTTP status); may be null
 * @param message human explanation
 */
public record FailureReason(Type type, String code, String message) {

  /** Kinds of job failure. */
  public enum Type {
    /** The router found nowhere to deliver, or refused the job: the plan was empty. */
    NO_ROUTE,
    /** Every endpoint of the plan was tried and failed. */
    ALL_ENDPOINTS_FAILED,
    /** Cancelled on request. */
    CANCELLED
  }

  public FailureReason {
    Objects.requireNonNull(type, "type");
  }

  public static FailureReason noRoute() {
    return new FailureReason(Type.NO_ROUTE, null, "no delivery plan: nowhere to send this fax");
  }

  /** The router refused the job (e.g. a caller id that is not the tenant's) and says why. */
  public static FailureReason rejectedByRouter(String why) {
    return new FailureReason(Type.NO_ROUTE, "ROUTER_REJECTED", why);
  }

  public static FailureReason allEndpointsFailed(AttemptOutcome last) {
    return new FailureReason(Type.ALL_ENDPOINTS_FAILED, last.errorCode(), "all endpoints failed; last: "
        + last.describe());
  }

  public static FailureReason cancelled(String why) {
    return new FailureReason(Type.CANCELLED, null, why == null ? "cancelled" : why);
  }
}
