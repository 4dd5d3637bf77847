package org.faxserver.notifier.webhook;

import java.util.Optional;
import org.faxserver.notifier.delivery.model.DeliveryTask;

/**
 * How to post one task: the signing secret (none: unsigned) and whether to send multipart.
 *
 * @param secret    HMAC key; null or blank means the request is not signed
 * @param multipart multipart/form-data with files instead of a JSON body
 */
public record WebhookSettings(String secret, boolean multipart) {

  /** Where settings come from: the directory endpoint for documents, configuration for receipts. */
  public interface Source {
    /** Empty when the endpoint no longer exists (the delivery then fails permanently). */
    Optional<WebhookSettings> settingsFor(DeliveryTask task);
  }

  public boolean signed() {
    return secret != null && !secret.isBlank();
  }
}
