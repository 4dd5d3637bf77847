package org.faxserver.api.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.receipts.*}: the server's receipt signing secret, the same one notifier-service signs
 * receipt webhooks with (one environment variable sets both), so each tenant can be shown its own derived key.
 *
 * @param signingSecret empty: receipts are not signed and there is no key to show
 */
@ConfigurationProperties("faxserver.receipts")
public record ReceiptSigningProperties(@DefaultValue("") String signingSecret) {

  @Override
  public String toString() {
    return "ReceiptSigningProperties[signingSecret=" + (signingSecret.isBlank() ? "" : "***") + "]";
  }
}
