package org.faxserver.esl.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.faxserver.esl.EslEvent;
import org.faxserver.esl.EslHeaders;

/**
 * Parses the serialized event inside a {@code text/event-plain} or {@code text/event-json} frame
 * body, and the URL-encoded CHANNEL_DATA headers of the outbound {@code connect} reply.
 *
 * <p>Stateless and thread-safe. Failures are reported as non-fatal {@link EslDecoderException}s:
 * the frame around the event was intact, so the connection can go on.
 */
public final class EslEventParser {

  /** Jackson's streaming API keeps duplicate keys (CHANNEL_HANGUP_COMPLETE repeats Hangup-Cause). */
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

  private EslEventParser() {}

  /**
   * Parses a plain event: {@code Name: url-encoded-value} lines, ended by a blank line, or by an
   * inner {@code Content-Length: n}, a blank line and {@code n} body bytes (BACKGROUND_JOB output,
   * the CDR XML of HANGUP_COMPLETE). Header names are taken literally; values are percent-decoded.
   */
  public static EslEvent parsePlain(byte[] b) {
    EslHeaders.Builder headers = EslHeaders.builder(countLines(b));
    byte[] body = null;
    int len = b.length;
    int pos = 0;
    while (pos < len) {
      int eol = indexOf(b, (byte) '\n', pos, len);
      int next = eol < 0 ? len : eol + 1;
      int lineEnd = eol < 0 ? len : eol;
      if (lineEnd > pos && b[lineEnd - 1] == '\r') {
        lineEnd--;
      }
      if (lineEnd == pos) {
        break; // the blank line that ends an event without a body
      }
      int colon = indexOf(b, (byte) ':', pos, lineEnd);
      if (colon <= pos) {
        throw new EslDecoderException("event header line without a name or colon at offset " + pos, false);
      }
      int v = colon + 1;
      while (v < lineEnd && b[v] == ' ') {
        v++;
      }
      if (isContentLength(b, pos, colon)) {
        int n = parseLength(b, v, lineEnd);
        int bodyStart = next;
        // The inner header block ends with its own blank line before the body.
        if (bodyStart < len && b[bodyStart] == '\r') {
          bodyStart++;
        }
        if (bodyStart < len && b[bodyStart] == '\n') {
          bodyStart++;
        } else if (n > 0) {
          throw new EslDecoderException("no blank line before the inner event body", false);
        }
        if (n > len - bodyStart) {
          throw new EslDecoderException("inner Content-Length " + n + " exceeds the " + (len - bodyStart)
              + " bytes left in the frame", false);
        }
        body = new byte[n];
        System.arraycopy(b, bodyStart, body, 0, n);
        break;
      }
      String name = new String(b, pos, colon - pos, StandardCharsets.ISO_8859_1);
      String value;
      try {
        value = PercentDecoder.decode(b, v, lineEnd);
      } catch (IllegalArgumentException e) {
        throw new EslDecoderException("header '" + name + "': " + e.getMessage(), false, e);
      }
      headers.add(name, value);
      pos = next;
    }
    return EslEvent.of(headers.build(), body);
  }

  /**
   * Parses a JSON event: one flat object. Values are taken as text, arrays (multi-valued headers)
   * become repeated headers, {@code _body} becomes the body, and {@code Content-Length} is dropped
   * because it only describes {@code _body}.
   */
  public static EslEvent parseJson(byte[] json) {
    EslHeaders.Builder headers = EslHeaders.builder();
    byte[] body = null;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new EslDecoderException("JSON event is not an object", false);
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken vt = p.nextToken();
        if (vt == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken().isStructStart()) {
              p.skipChildren();
            } else {
              headers.add(name, p.getText());
            }
          }
        } else if (vt == JsonToken.START_OBJECT) {
          p.skipChildren(); // FreeSWITCH never nests objects; ignore rather than fail the event
        } else if ("_body".equals(name)) {
          body = p.getText().getBytes(StandardCharsets.UTF_8);
        } else if (!"Content-Length".equalsIgnoreCase(name)) {
          headers.add(name, vt == JsonToken.VALUE_NULL ? "" : p.getText());
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new EslDecoderException("JSON event object is not closed", false);
      }
    } catch (IOException e) {
      throw new EslDecoderException("malformed JSON event: " + e.getMessage(), false, e);
    }
    return EslEvent.of(headers.build(), body);
  }

  /**
   * Percent-decodes every value of an outbound {@code connect} reply, whose header block is a
   * URL-encoded CHANNEL_DATA event followed by {@code Content-Type}, {@code Reply-Text: %2BOK%0A},
   * {@code Socket-Mode} and {@code Control}.
   */
  public static EslHeaders decodeHeaderValues(EslHeaders raw) {
    EslHeaders.Builder b = EslHeaders.builder();
    for (int i = 0; i < raw.size(); i++) {
      try {
        b.add(raw.name(i), PercentDecoder.decode(raw.value(i)));
      } catch (IllegalArgumentException e) {
        throw new EslDecoderException("header '" + raw.name(i) + "': " + e.getMessage(), false, e);
      }
    }
    return b.build();
  }

  /** Upper bound of the header count, so the builder never grows (cheaper than growing twice). */
  private static int countLines(byte[] b) {
    int n = 0;
    for (byte x : b) {
      if (x == '\n' && ++n == 512) {
        break; // an inner body (CDR XML) may have many lines; the builder grows if needed
      }
    }
    return n;
  }

  static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isContentLength(byte[] b, int from, int to) {
    if (to - from != CONTENT_LENGTH.length) {
      return false;
    }
    for (int i = 0; i < CONTENT_LENGTH.length; i++) {
      int c = b[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != CONTENT_LENGTH[i]) {
        return false;
      }
    }
    return true;
  }

  private static int parseLength(byte[] b, int from, int to) {
    while (to > from && b[to - 1] == ' ') {
      to--;
    }
    if (from == to || to - from > 9) {
      throw new EslDecoderException("invalid inner Content-Length", false);
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw new EslDecoderException("invalid inner Content-Length", false);
      }
      n = n * 10 + d;
    }
    return n;
  }
}
