package org.faxserver.testkit.freeswitch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** FreeSWITCH's value encodings: switch_url_encode (plain events) and cJSON strings (json events). */
final class EslEncoding {

    /** SWITCH_URL_UNSAFE from switch_utils.h. */
    private static final String UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Printable ASCII that switch_url_encode copies as it is. */
    private static final boolean[] KEPT = new boolean[128];

    static {
        for (char c = 0x20; c <= '~'; c++) {
            KEPT[c] = UNSAFE.indexOf(c) < 0;
        }
    }

    private EslEncoding() {
    }

    /** Percent-encodes like switch_url_encode_opt(double_encode=FALSE): an existing %XX is kept. */
    static String urlEncode(String value) {
        if (keptAsIs(value)) {
            return value; // most header values: no copy (the stand-in encodes every header of every event)
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                sb.append('%');
            } else if (b >= KEPT.length || !KEPT[b]) {
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private static boolean keptAsIs(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= KEPT.length || !KEPT[c]) {
                return false;
            }
        }
        return true;
    }

    /** Strict percent-decoding, byte-wise then UTF-8 ('+' stays '+'). */
    static String urlDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && isHex(in[i + 1]) && isHex(in[i + 2])) {
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A JSON string literal as cJSON prints it ('/' and non-ASCII are not escaped). */
    static String jsonString(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
