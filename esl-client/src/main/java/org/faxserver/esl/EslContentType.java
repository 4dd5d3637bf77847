package org.faxserver.esl;

/** The {@code Content-Type} of a frame sent by FreeSWITCH, as a closed set. */
public enum EslContentType {
  /** Sent once when an inbound connection is accepted; answer with {@code auth}. */
  AUTH_REQUEST("auth/request"),
  /** Reply to any command except {@code api}; see {@link EslFrame#replyText()}. */
  COMMAND_REPLY("command/reply"),
  /** Reply to {@code api}; the output is the body. */
  API_RESPONSE("api/response"),
  /** An event serialized as URL-encoded {@code Name: value} lines. */
  EVENT_PLAIN("text/event-plain"),
  /** An event serialized as one flat JSON object. */
  EVENT_JSON("text/event-json"),
  /** An event serialized as XML; framed but not parsed by this library. */
  EVENT_XML("text/event-xml"),
  /** The connection is about to close ({@code Content-Disposition: disconnect}) or the channel hung up while lingering ({@code linger}). */
  DISCONNECT_NOTICE("text/disconnect-notice"),
  /** A log line after {@code log <level>}. */
  LOG_DATA("log/data"),
  /** The inbound ACL rejected the connection; FreeSWITCH closes it. */
  RUDE_REJECTION("text/rude-rejection"),
  /** Any other or a missing content type. */
  UNKNOWN("");

  private static final EslContentType[] VALUES = values();

  private final String wireName;

  EslContentType(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the value as it appears on the wire ({@code ""} for {@link #UNKNOWN}). */
  public String wireName() {
    return wireName;
  }

  /** Maps a {@code Content-Type} header value (case-insensitive); {@code null} gives {@link #UNKNOWN}. */
  public static EslContentType fromWire(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    String v = value.strip();
    for (EslContentType t : VALUES) {
      if (t != UNKNOWN && t.wireName.equalsIgnoreCase(v)) {
        return t;
      }
    }
    return UNKNOWN;
  }

  /** Returns {@code true} for the three event serializations. */
  public boolean isEvent() {
    return this == EVENT_PLAIN || this == EVENT_JSON || this == EVENT_XML;
  }
}
