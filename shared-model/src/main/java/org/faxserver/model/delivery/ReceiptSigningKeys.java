package org.faxserver.model.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each tenant's key for the signatures on its receipt webhooks, derived from the server's receipt signing secret:
 * hex HMAC-SHA256(secret, {@value #CONTEXT} + tenant id). Receipts (unlike document deliveries) have no endpoint
 * secret of their own, and one key for all tenants would let any tenant, who must know its key to verify, sign
 * receipts another tenant's receiver would accept. notifier-service signs with the derived key; api-service shows
 * each tenant its own (decision 0014). Rotating the server's secret changes every tenant's key.
 */
public final class ReceiptSigningKeys {

  /** Separates this use of the secret from any other; part of the derivation, so it never changes. */
  static final String CONTEXT = "faxserver receipt signing key v1:";

  private ReceiptSigningKeys() {
  }

  /** The key notifier-service signs {@code tenantId}'s receipts with; the same for the same inputs. */
  public static String forTenant(String serverSecret, String tenantId) {
    if (serverSecret == null || serverSecret.isBlank()) {
      throw new IllegalArgumentException("no receipt signing secret: receipts are not signed");
    }
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("a receipt signing key needs the tenant id");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(serverSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((CONTEXT + tenantId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
