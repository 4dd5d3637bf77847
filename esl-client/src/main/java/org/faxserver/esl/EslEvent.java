package org.faxserver.esl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A FreeSWITCH event with URL-decoded header values and an optional inner body.
 *
 * <p>Header names are looked up case-insensitively. Header order is kept, and repeated names are
 * kept too ({@link #headerValues(String)}). The inner body is the event's own
 * {@code Content-Length} payload, for example the API output of a BACKGROUND_JOB; it is
 * {@linkplain #hasBody() absent} for most events. Instances are immutable and thread-safe.
 */
public final class EslEvent {

  private static final byte[] NO_BODY = new byte[0];

  private final EslHeaders headers;
  private final byte[] body;

  private EslEvent(EslHeaders headers, byte[] body) {
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body == null ? NO_BODY : body;
  }

  /** Creates an event; the body array is not copied and must not be modified afterwards. */
  public static EslEvent of(EslHeaders headers, byte[] body) {
    return new EslEvent(headers, body);
  }

  /** Returns all headers in wire order (decoded values). */
  public EslHeaders headers() {
    return headers;
  }

  /** Returns the first value of a header (case-insensitive), or {@code null}. */
  public String header(String name) {
    return headers.get(name);
  }

  /** Returns every value of a header in wire order. */
  public List<String> headerValues(String name) {
    return headers.getAll(name);
  }

  /** Returns {@code Event-Name}, for example {@code CHANNEL_EXECUTE_COMPLETE} or {@code CUSTOM}. */
  public String eventName() {
    return headers.get("Event-Name");
  }

  /** Returns {@code Event-Subclass} of CUSTOM events, for example {@code spandsp::rxfaxresult}. */
  public String subclass() {
    return headers.get("Event-Subclass");
  }

  /** Returns {@code true} if the event name equals {@code name} (case-insensitive). */
  public boolean is(String name) {
    return name.equalsIgnoreCase(eventName());
  }

  /** Returns {@code Unique-ID}, the channel the event is about, or {@code null}. */
  public String uniqueId() {
    return headers.get("Unique-ID");
  }

  /** Returns {@code Job-UUID} (BACKGROUND_JOB), or {@code null}. */
  public String jobUuid() {
    return headers.get("Job-UUID");
  }

  /** Returns {@code Application-UUID} (the sendmsg {@code Event-UUID}), or {@code null}. */
  public String applicationUuid() {
    return headers.get("Application-UUID");
  }

  /** Returns {@code true} if the event carried an inner body. */
  public boolean hasBody() {
    return body.length > 0;
  }

  /** Returns the inner body decoded as UTF-8 (empty if none). */
  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Returns a copy of the inner body bytes. */
  public byte[] bodyBytes() {
    return body.clone();
  }

  @Override
  public String toString() {
    String sub = subclass();
    return "EslEvent[" + eventName() + (sub == null ? "" : " " + sub)
        + (uniqueId() == null ? "" : " uuid=" + uniqueId()) + ", " + headers.size() + " headers"
        + (hasBody() ? ", body " + body.length + "B" : "") + "]";
  }
}
