package org.faxserver.queue.attempt.model;

import java.util.Objects;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T30Completion;

/**
 * How one attempt ended, in the terms the rules need: whatever the endpoint kind, a success flag,
 * whether trying again can help, and for fax calls the call end, hangup cause, T.30 code,
 * negotiations and bad rows ("no" is an outcome with a reason, never an exception).
 *
 * @param success      delivered
 * @param end          how the call ended; {@link AttemptEnd#UNKNOWN} for webhook/email deliveries
 * @param hangupCause  for calls; {@link HangupCause#UNKNOWN} otherwise
 * @param errorCode    T.30 code, hangup cause name, HTTP status or a reason token; null on success
 * @param retryable    whether the same endpoint may help on another try
 * @param negotiations phase B runs in this call
 * @param badRows      bad rows over all pages
 * @param detail       human explanation; may be null
 */
public record AttemptOutcome(
    boolean success,
    AttemptEnd end,
    HangupCause hangupCause,
    String errorCode,
    boolean retryable,
    int negotiations,
    int badRows,
    String detail) {

  public AttemptOutcome {
    Objects.requireNonNull(end, "end");
    hangupCause = hangupCause == null ? HangupCause.UNKNOWN : hangupCause;
  }

  /**
   * From esl-gateway's report. A failed fax is retryable unless the fault is our own document (T.30
   * codes 41–47: the same file fails the same way).
   */
  public static AttemptOutcome of(AttemptFinished finished) {
    FaxResult r = finished.result();
    boolean documentError = r.t30Completion().map(T30Completion::isDocumentError).orElse(false);
    int badRows = Math.max(r.badRows(), r.pages().stream().mapToInt(p -> p.badRows()).sum());
    String code = r.success() ? null
        : r.resultCode() != null && r.resultCode() != 0 ? "T30_" + r.resultCode() : r.hangupCause().name();
    String detail = r.resultText() != null ? r.resultText() : finished.detail();
    return new AttemptOutcome(r.success(), finished.end(), r.hangupCause(), code, !r.success() && !documentError,
        r.negotiationCount(), badRows, detail);
  }

  /** From the notifier's report of a webhook or email delivery; it judges retryability itself. */
  public static AttemptOutcome of(DeliveryFinished finished) {
    String code = finished.success() ? null
        : finished.httpStatus() != null ? "HTTP_" + finished.httpStatus() : "DELIVERY_FAILED";
    return new AttemptOutcome(finished.success(), AttemptEnd.UNKNOWN, HangupCause.UNKNOWN, code,
        !finished.success() && finished.retryable(), 0, 0, finished.detail());
  }

  /**
   * A stuck attempt whose call was killed and then stayed silent past the reconcile timeout: we
   * treat it as gone and failed, retryable like any dropped call.
   */
  public static AttemptOutcome presumedGone(String detail) {
    return new AttemptOutcome(false, AttemptEnd.WATCHDOG, HangupCause.UNKNOWN, "PRESUMED_GONE", true, 0, 0,
        detail);
  }

  /** Short text for logs and status details, e.g. "ORIGINATE_FAILED USER_BUSY". */
  public String describe() {
    if (success) {
      return "delivered";
    }
    StringBuilder s = new StringBuilder();
    s.append(end == AttemptEnd.UNKNOWN ? "delivery failed" : end.name());
    if (hangupCause != HangupCause.UNKNOWN) {
      s.append(' ').append(hangupCause.name());
    }
    if (detail != null && !detail.isBlank()) {
      s.append(" (").append(detail).append(')');
    }
    return s.toString();
  }
}
