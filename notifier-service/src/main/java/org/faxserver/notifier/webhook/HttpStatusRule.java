package org.faxserver.notifier.webhook;

import org.faxserver.notifier.delivery.model.TryOutcome;

/**
 * Judges a webhook response: 2xx delivered; 408, 429 and 5xx may pass later; any other status
 * (3xx included: redirects are not followed, a redirect could lead to a refused address) is
 * permanent.
 */
public final class HttpStatusRule {

  private HttpStatusRule() {}

  public static TryOutcome judge(int status) {
    if (status >= 200 && status < 300) {
      return TryOutcome.delivered(status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return TryOutcome.transientFailure(status, "HTTP " + status);
    }
    return TryOutcome.permanentFailure(status, "HTTP " + status);
  }
}
