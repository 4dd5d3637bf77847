package org.faxserver.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code v1=} + hex HMAC-SHA256, keyed with the endpoint's secret, over
 * {@code <timestamp> "." <body bytes>} where the timestamp is the {@value #TIMESTAMP_HEADER} header
 * (unix seconds). Receivers recompute it, compare in constant time and reject old timestamps.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Fax-Signature";
  public static final String TIMESTAMP_HEADER = "X-Fax-Timestamp";
  public static final String EVENT_ID_HEADER = "X-Fax-Event-Id";
  public static final String EVENT_HEADER = "X-Fax-Event";
  static final String PREFIX = "v1=";

  private WebhookSignature() {}

  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      mac.update(body);
      return PREFIX + HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** What a receiver does; used by tests and documented for integrators. */
  public static boolean verify(String secret, long timestamp, byte[] body, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }
}
