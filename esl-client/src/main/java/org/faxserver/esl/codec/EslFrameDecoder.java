package org.faxserver.esl.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.faxserver.esl.EslContentType;
import org.faxserver.esl.EslEvent;
import org.faxserver.esl.EslFrame;
import org.faxserver.esl.EslHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the byte stream FreeSWITCH sends into {@link EslFrame}s.
 *
 * <p>A frame is a block of {@code Name: value\n} header lines ended by an empty line, then exactly
 * {@code Content-Length} body bytes if that header is present. Headers may come in any order and
 * any case (event frames put {@code Content-Length} before {@code Content-Type}; the outbound
 * connect reply puts {@code Content-Type} after a hundred CHANNEL_DATA headers). The body is read
 * as raw bytes, so blank lines inside it survive. A trailing {@code \r} on a header line is
 * ignored and blank lines between frames are skipped.
 *
 * <p>Event bodies are parsed here too ({@link EslEventParser}), so a frame arrives with its
 * {@link EslFrame#event()}.
 *
 * <p><b>Limits.</b> {@code maxHeaderSize} caps the bytes of one header block (lines plus newlines)
 * and {@code maxBodySize} caps {@code Content-Length}. Going over either is a fatal error: memory
 * stays bounded by {@code maxHeaderSize + maxBodySize} plus one socket read.
 *
 * <p><b>Errors never escape.</b> Like Netty's {@code StompSubframeDecoder}, malformed input yields a
 * frame whose {@link EslFrame#decoderResult()} is a failure with an {@link EslDecoderException}.
 * After a {@linkplain EslDecoderException#isFatal() fatal} failure frame boundaries are lost, so
 * the decoder enters {@code BAD_FRAME} and discards all further input; the handler behind it is
 * expected to close the connection ({@link EslDecodeFailureHandler} does). A non-fatal failure
 * (an event body that does not parse) affects only that frame.
 *
 * <p>Not sharable: one instance per channel.
 */
public class EslFrameDecoder extends ByteToMessageDecoder {

  /** Default cap on one header block: 64 KiB. A connect reply with all channel variables is ~7 KiB. */
  public static final int DEFAULT_MAX_HEADER_SIZE = 64 * 1024;

  /** Default cap on one body: 16 MiB, FreeSWITCH's own {@code MAX_CONTENT_LENGTH}. */
  public static final int DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(EslFrameDecoder.class);

  private enum State { READ_HEADERS, READ_BODY, BAD_FRAME }

  private final int maxHeaderSize;
  private final int maxBodySize;

  private State state = State.READ_HEADERS;
  private final EslHeaders.Builder headers = EslHeaders.builder();
  private int headerBytes;
  private int contentLength = -1;
  /** Bytes after the reader index already known to hold no line feed. */
  private int scanned;

  /** Creates a decoder with {@link #DEFAULT_MAX_HEADER_SIZE} and {@link #DEFAULT_MAX_BODY_SIZE}. */
  public EslFrameDecoder() {
    this(DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_BODY_SIZE);
  }

  /**
   * Creates a decoder with explicit limits.
   *
   * @param maxHeaderSize the largest header block accepted, in bytes including newlines (&gt; 0)
   * @param maxBodySize the largest {@code Content-Length} accepted, in bytes (&ge; 0)
   */
  public EslFrameDecoder(int maxHeaderSize, int maxBodySize) {
    if (maxHeaderSize <= 0) {
      throw new IllegalArgumentException("maxHeaderSize must be > 0: " + maxHeaderSize);
    }
    if (maxBodySize < 0) {
      throw new IllegalArgumentException("maxBodySize must be >= 0: " + maxBodySize);
    }
    this.maxHeaderSize = maxHeaderSize;
    this.maxBodySize = maxBodySize;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (true) {
      switch (state) {
        case READ_HEADERS:
          if (!readHeaders(in, out)) {
            return;
          }
          break;
        case READ_BODY:
          if (in.readableBytes() < contentLength) {
            return;
          }
          byte[] body = new byte[contentLength];
          in.readBytes(body);
          out.add(buildFrame(headers.build(), body));
          reset();
          break;
        case BAD_FRAME:
          in.skipBytes(in.readableBytes());
          return;
        default:
          throw new IllegalStateException(state.name());
      }
      if (!in.isReadable()) {
        return;
      }
    }
  }

  /** Returns {@code false} when more bytes are needed (or input is being discarded). */
  private boolean readHeaders(ByteBuf in, List<Object> out) {
    while (true) {
      int start = in.readerIndex();
      // Skip the part of the current line already searched in an earlier call, so a long line
      // arriving in small reads is scanned once, not once per read.
      int eol = in.forEachByte(start + scanned, in.readableBytes() - scanned, ByteProcessor.FIND_LF);
      if (eol < 0) {
        scanned = in.readableBytes();
        if (headerBytes + in.readableBytes() > maxHeaderSize) {
          fail(in, out, "header block exceeds " + maxHeaderSize + " bytes");
        }
        return false;
      }
      scanned = 0;
      int lineLen = eol - start;
      headerBytes += lineLen + 1;
      if (headerBytes > maxHeaderSize) {
        fail(in, out, "header block exceeds " + maxHeaderSize + " bytes");
        return false;
      }
      int contentEnd = eol;
      if (lineLen > 0 && in.getByte(eol - 1) == '\r') {
        contentEnd--;
      }
      if (contentEnd == start) {
        in.readerIndex(eol + 1);
        if (headers.size() == 0) {
          continue; // stray blank line between frames; counted against the limit, then dropped
        }
        if (contentLength > 0) {
          state = State.READ_BODY;
        } else {
          out.add(buildFrame(headers.build(), null));
          reset();
        }
        return true;
      }
      int colon = in.indexOf(start, contentEnd, (byte) ':');
      if (colon <= start) {
        fail(in, out, "header line without a name or colon");
        return false;
      }
      String name = in.toString(start, colon - start, StandardCharsets.US_ASCII);
      int v = colon + 1;
      while (v < contentEnd && in.getByte(v) == ' ') {
        v++;
      }
      String value = in.toString(v, contentEnd - v, StandardCharsets.UTF_8);
      if ("Content-Length".equalsIgnoreCase(name)) {
        int n = parseContentLength(value);
        if (n < 0 || (contentLength >= 0 && n != contentLength)) {
          fail(in, out, "invalid Content-Length '" + value + "'");
          return false;
        }
        if (n > maxBodySize) {
          fail(in, out, "Content-Length " + n + " exceeds " + maxBodySize);
          return false;
        }
        contentLength = n;
      }
      headers.add(name, value);
      in.readerIndex(eol + 1);
    }
  }

  private EslFrame buildFrame(EslHeaders h, byte[] body) {
    EslContentType type = EslContentType.fromWire(h.get("Content-Type"));
    try {
      switch (type) {
        case EVENT_PLAIN:
          return EslFrame.of(h, body, EslEventParser.parsePlain(body == null ? new byte[0] : body));
        case EVENT_JSON:
          return EslFrame.of(h, body, EslEventParser.parseJson(body == null ? new byte[0] : body));
        case COMMAND_REPLY:
          if (h.contains("Event-Name")) {
            // Outbound connect reply: the whole header block is a URL-encoded CHANNEL_DATA event.
            EslHeaders decoded = EslEventParser.decodeHeaderValues(h);
            return EslFrame.of(decoded, body, EslEvent.of(decoded, null));
          }
          return EslFrame.of(h, body, null);
        default:
          return EslFrame.of(h, body, null);
      }
    } catch (EslDecoderException e) {
      log.warn("Dropping undecodable {} frame: {}", type.wireName(), e.getMessage());
      return EslFrame.failed(h, body, e);
    }
  }

  private void fail(ByteBuf in, List<Object> out, String reason) {
    EslDecoderException cause = new EslDecoderException(reason, true);
    log.warn("Malformed ESL input, discarding the rest of the stream: {}", reason);
    out.add(EslFrame.failed(headers.build(), null, cause));
    state = State.BAD_FRAME;
    scanned = 0;
    in.skipBytes(in.readableBytes());
  }

  private void reset() {
    state = State.READ_HEADERS;
    headers.clear();
    headerBytes = 0;
    contentLength = -1;
  }

  /** Parses a non-negative decimal without sign or spaces; -1 if invalid or above int range. */
  private static int parseContentLength(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 10) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n > Integer.MAX_VALUE ? -1 : (int) n;
  }
}
