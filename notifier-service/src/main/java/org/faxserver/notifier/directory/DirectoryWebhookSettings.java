package org.faxserver.notifier.directory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.model.delivery.ReceiptSigningKeys;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.Purpose;
import org.faxserver.notifier.webhook.WebhookSettings;
import org.faxserver.support.CachedSnapshot;

/**
 * Webhook settings per task: a document delivery uses its directory endpoint's secret and payload
 * style (read at send time, so a rotated secret applies to retries); a receipt is signed with its
 * tenant's key derived from the configured receipt secret ({@link ReceiptSigningKeys}; none configured:
 * unsigned) and uses its kind's style.
 */
public final class DirectoryWebhookSettings implements WebhookSettings.Source {

  private final CachedSnapshot<NotifyDirectory> directory;
  private final String receiptSecret;
  private final Duration timeout;

  public DirectoryWebhookSettings(CachedSnapshot<NotifyDirectory> directory, String receiptSecret, Duration timeout) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.receiptSecret = receiptSecret;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Optional<WebhookSettings> settingsFor(DeliveryTask task) {
    if (task.purpose() == Purpose.RECEIPT) {
      String key = receiptSecret == null || receiptSecret.isBlank() ? null
          : ReceiptSigningKeys.forTenant(receiptSecret, task.notice().tenantId());
      return Optional.of(new WebhookSettings(key, task.multipart()));
    }
    return directory.current().block(timeout).webhook(task.endpointId())
        .map(w -> new WebhookSettings(w.secret(), w.multipart()));
  }
}
