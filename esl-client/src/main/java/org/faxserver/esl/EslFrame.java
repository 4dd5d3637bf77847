package org.faxserver.esl;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One complete message from FreeSWITCH: the outer header block plus the {@code Content-Length}
 * body, as produced by {@link org.faxserver.esl.codec.EslFrameDecoder}.
 *
 * <p>Event frames ({@code text/event-plain}, {@code text/event-json}) and the outbound
 * {@code connect} reply (a {@code command/reply} whose headers are a URL-encoded CHANNEL_DATA
 * event) also carry the parsed {@link #event()}. For the connect reply the header values of the
 * frame itself are URL-decoded, so {@link #replyText()} is {@code "+OK\n"}, not {@code %2BOK%0A}.
 *
 * <p>A frame whose {@link #decoderResult()} is a failure was malformed; its headers and body hold
 * what could be read. Frames are immutable and hold no pooled buffers, so nothing needs releasing.
 */
public final class EslFrame implements DecoderResultProvider {

  private static final byte[] NO_BODY = new byte[0];

  private final EslHeaders headers;
  private final byte[] body;
  private final EslEvent event;
  private final EslContentType contentType;
  private DecoderResult decoderResult;

  private EslFrame(EslHeaders headers, byte[] body, EslEvent event, DecoderResult result) {
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body == null ? NO_BODY : body;
    this.event = event;
    this.contentType = EslContentType.fromWire(headers.get("Content-Type"));
    this.decoderResult = result;
  }

  /**
   * Creates a successfully decoded frame. The body array is not copied; callers must not modify it.
   *
   * @param event the parsed event, or {@code null} for non-event frames
   */
  public static EslFrame of(EslHeaders headers, byte[] body, EslEvent event) {
    return new EslFrame(headers, body, event, DecoderResult.SUCCESS);
  }

  /** Creates a frame that failed to decode; {@code headers}/{@code body} hold what was read. */
  public static EslFrame failed(EslHeaders headers, byte[] body, Throwable cause) {
    return new EslFrame(headers, body, null, DecoderResult.failure(cause));
  }

  /** Returns the outer headers in wire order. */
  public EslHeaders headers() {
    return headers;
  }

  /** Returns the first value of an outer header (case-insensitive), or {@code null}. */
  public String header(String name) {
    return headers.get(name);
  }

  /** Returns the content type; {@link EslContentType#UNKNOWN} if absent or unrecognised. */
  public EslContentType contentType() {
    return contentType;
  }

  /** Returns a copy of the body bytes (empty if there was no {@code Content-Length}). */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** Returns the body decoded as UTF-8 (empty if none). */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Returns the parsed event for event frames and the outbound connect reply, else {@code null}. */
  public EslEvent event() {
    return event;
  }

  /** Returns the {@code Reply-Text} header of a {@code command/reply}, or {@code null}. */
  public String replyText() {
    return headers.get("Reply-Text");
  }

  /**
   * Returns {@code true} if this is a reply that signals success: a {@code command/reply} whose
   * {@code Reply-Text} starts with {@code +OK}, or an {@code api/response} whose body does not
   * start with {@code -ERR}.
   */
  public boolean isOk() {
    if (contentType == EslContentType.COMMAND_REPLY) {
      String r = replyText();
      return r != null && r.startsWith("+OK");
    }
    if (contentType == EslContentType.API_RESPONSE) {
      return !bodyAsString().startsWith("-ERR");
    }
    return false;
  }

  /** Returns {@code true} for the outbound {@code connect} reply carrying CHANNEL_DATA. */
  public boolean isConnectReply() {
    return contentType == EslContentType.COMMAND_REPLY && event != null;
  }

  @Override
  public DecoderResult decoderResult() {
    return decoderResult;
  }

  @Override
  public void setDecoderResult(DecoderResult result) {
    this.decoderResult = Objects.requireNonNull(result, "result");
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("EslFrame[").append(contentType.wireName());
    if (replyText() != null) {
      sb.append(" reply='").append(replyText().strip()).append('\'');
    }
    if (event != null) {
      sb.append(" event=").append(event.eventName());
      if (event.subclass() != null) {
        sb.append('/').append(event.subclass());
      }
    }
    if (body.length > 0) {
      sb.append(" body=").append(body.length).append('B');
    }
    if (decoderResult.isFailure()) {
      sb.append(" FAILED: ").append(decoderResult.cause());
    }
    return sb.append(']').toString();
  }
}
