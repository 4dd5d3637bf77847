package org.faxserver.esl.codec;

import java.nio.charset.StandardCharsets;

/**
 * Strict decoder for FreeSWITCH's URL encoding ({@code switch_url_encode}).
 *
 * <p>Each {@code %XX} (either hex case) becomes one byte; every other byte is kept as it is, and
 * {@code +} stays a plus sign because FreeSWITCH always writes a space as {@code %20} and a plus as
 * {@code %2B}. The resulting bytes are then read as UTF-8, so multi-byte characters encoded byte by
 * byte come out whole; invalid UTF-8 becomes U+FFFD rather than failing the event. A {@code %} that
 * is not followed by two hex digits cannot come from FreeSWITCH (it encodes a lone {@code %} as
 * {@code %25}) and is rejected.
 */
public final class PercentDecoder {

  private PercentDecoder() {}

  /**
   * Decodes {@code bytes[from, to)}.
   *
   * @throws IllegalArgumentException on a malformed escape
   */
  public static String decode(byte[] bytes, int from, int to) {
    int pct = -1;
    for (int i = from; i < to; i++) {
      if (bytes[i] == '%') {
        pct = i;
        break;
      }
    }
    if (pct < 0) {
      // Fast path: most values (UUIDs, numbers, names) have no escapes.
      return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
    byte[] out = new byte[to - from];
    int n = pct - from;
    System.arraycopy(bytes, from, out, 0, n);
    int i = pct;
    while (i < to) {
      byte b = bytes[i];
      if (b == '%') {
        if (i + 2 >= to) {
          throw new IllegalArgumentException("truncated percent escape at offset " + (i - from));
        }
        int hi = hex(bytes[i + 1]);
        int lo = hex(bytes[i + 2]);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("invalid percent escape at offset " + (i - from));
        }
        out[n++] = (byte) ((hi << 4) | lo);
        i += 3;
      } else {
        out[n++] = b;
        i++;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /** Decodes a whole string whose characters are the encoded bytes (UTF-8). */
  public static String decode(String encoded) {
    if (encoded.indexOf('%') < 0) {
      return encoded;
    }
    byte[] b = encoded.getBytes(StandardCharsets.UTF_8);
    return decode(b, 0, b.length);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
