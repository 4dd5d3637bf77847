package org.faxserver.esl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One command to FreeSWITCH: a command line, optional headers, optional body. Encoded by
 * {@link org.faxserver.esl.codec.EslCommandEncoder} as {@code line\n}, then {@code Name: value\n}
 * per header, then (with a body) {@code content-length: n\n}, then {@code \n} and the body.
 *
 * <p>Use the static factories; they produce exactly the bytes FreeSWITCH 1.10 was seen to accept
 * in the captures. Line breaks are rejected in the command line and in headers, because
 * FreeSWITCH would read them as the end of the command and the rest as a new one.
 * Immutable and thread-safe.
 */
public final class EslCommand {

  private final String line;
  private final EslHeaders headers;
  private final byte[] body;

  private EslCommand(String line, EslHeaders headers, byte[] body) {
    this.line = requireSingleLine(line, "command");
    if (line.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    this.headers = headers;
    this.body = body;
  }

  /** Creates a raw command without headers, for example {@code "nolinger"}. */
  public static EslCommand of(String line) {
    return new EslCommand(line, EslHeaders.empty(), null);
  }

  /** Returns a copy with one more header. */
  public EslCommand withHeader(String name, String value) {
    requireSingleLine(name, "header name");
    requireSingleLine(value, "header value");
    if (name.isEmpty() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("invalid header name: " + name);
    }
    return new EslCommand(line, EslHeaders.builder().addAll(headers).add(name, value).build(), body);
  }

  /**
   * Returns a copy with a {@code text/plain} body; the encoder adds {@code content-length}. Used
   * by {@link #execute} for arguments that contain line breaks.
   */
  public EslCommand withBody(String text) {
    EslCommand c = withHeader("content-type", "text/plain");
    return new EslCommand(c.line, c.headers, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the command line (without the trailing newline). */
  public String line() {
    return line;
  }

  /** Returns the headers in the order they are written. */
  public EslHeaders headers() {
    return headers;
  }

  /** Returns a copy of the body, or {@code null} if there is none. */
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** Returns the body length, or -1 if there is none. */
  public int bodyLength() {
    return body == null ? -1 : body.length;
  }

  /** Writes the body into {@code target}; for the encoder. */
  public void copyBodyTo(io.netty.buffer.ByteBuf target) {
    if (body != null) {
      target.writeBytes(body);
    }
  }

  // ---------------------------------------------------------------- factories

  /** {@code auth <password>}: answer to {@code auth/request}. */
  public static EslCommand auth(String password) {
    return of("auth " + Objects.requireNonNull(password, "password"));
  }

  /** {@code api <command>}: runs synchronously in FreeSWITCH; the reply is an {@code api/response}. */
  public static EslCommand api(String command) {
    return of("api " + requireNonBlank(command, "api command"));
  }

  /**
   * {@code bgapi <command>} with our own {@code Job-UUID} header, so the BACKGROUND_JOB event can
   * be matched without waiting for the reply.
   */
  public static EslCommand bgapi(String command, String jobUuid) {
    return of("bgapi " + requireNonBlank(command, "bgapi command")).withHeader("Job-UUID", jobUuid);
  }

  /**
   * {@code event <format> <EVENT ...> [CUSTOM sub ...]}. FreeSWITCH treats every token after
   * {@code CUSTOM} as a subclass, so {@code CUSTOM} and the subclasses always go last; a
   * {@code CUSTOM} in {@code events} is moved there.
   */
  public static EslCommand event(EventFormat format, Collection<String> events, Collection<String> subclasses) {
    return of("event " + format.keyword() + " " + eventList(events, subclasses));
  }

  /** {@code nixevent <EVENT ...> [CUSTOM sub ...]}: unsubscribes. */
  public static EslCommand nixevent(Collection<String> events, Collection<String> subclasses) {
    return of("nixevent " + eventList(events, subclasses));
  }

  /** {@code noevents}: drops every subscription. */
  public static EslCommand noevents() {
    return of("noevents");
  }

  /** {@code filter <header> <value>}: once any filter exists, only matching events are sent. */
  public static EslCommand filter(String header, String value) {
    return of("filter " + requireToken(header, "filter header") + " " + requireNonBlank(value, "filter value"));
  }

  /** {@code filter delete <header> <value>}. */
  public static EslCommand filterDelete(String header, String value) {
    return of("filter delete " + requireToken(header, "filter header") + " " + requireNonBlank(value, "filter value"));
  }

  /** {@code linger}: keep the outbound socket open after hangup until we say {@code exit}. */
  public static EslCommand linger() {
    return of("linger");
  }

  /** {@code linger <seconds>}: keep the outbound socket open after hangup for that long. */
  public static EslCommand linger(int seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException("linger seconds must be > 0: " + seconds);
    }
    return of("linger " + seconds);
  }

  /** {@code nolinger}. */
  public static EslCommand nolinger() {
    return of("nolinger");
  }

  /** {@code myevents}: on an outbound socket, all channel events of this call (not CUSTOM). */
  public static EslCommand myevents() {
    return of("myevents");
  }

  /** {@code myevents <format>}. */
  public static EslCommand myevents(EventFormat format) {
    return of("myevents " + format.keyword());
  }

  /** {@code connect}: the first command on an outbound socket; the reply carries the channel data. */
  public static EslCommand connect() {
    return of("connect");
  }

  /** {@code exit}: FreeSWITCH replies {@code +OK bye}, sends a disconnect notice and closes. */
  public static EslCommand exit() {
    return of("exit");
  }

  /** {@code log <level>}: subscribe to {@code log/data} frames. */
  public static EslCommand log(int level) {
    return of("log " + level);
  }

  /** {@code nolog}. */
  public static EslCommand nolog() {
    return of("nolog");
  }

  /**
   * {@code sendmsg [uuid]} with {@code call-command: execute}: runs a dialplan application.
   *
   * @param uuid the channel, or {@code null} for the channel of an outbound socket
   * @param app the application, for example {@code rxfax}
   * @param arg its argument, or {@code null}; an argument with line breaks is sent as a body
   * @param eventLock {@code true} adds {@code event-lock: true}, so the next queued message waits
   *     until this application finishes (needed for txfax/rxfax, see the reference §1.7)
   * @param eventUuid comes back as {@code Application-UUID} on CHANNEL_EXECUTE(_COMPLETE); may be null
   */
  public static EslCommand execute(String uuid, String app, String arg, boolean eventLock, String eventUuid) {
    EslCommand c = sendmsg(uuid)
        .withHeader("call-command", "execute")
        .withHeader("execute-app-name", requireToken(app, "application"));
    boolean argInBody = arg != null && (arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0);
    if (arg != null && !argInBody) {
      c = c.withHeader("execute-app-arg", arg);
    }
    if (eventLock) {
      c = c.withHeader("event-lock", "true");
    }
    if (eventUuid != null) {
      c = c.withHeader("Event-UUID", eventUuid);
    }
    return argInBody ? c.withBody(arg) : c;
  }

  /** {@code sendmsg [uuid]} with {@code call-command: hangup} and an optional {@code hangup-cause}. */
  public static EslCommand hangup(String uuid, String cause) {
    EslCommand c = sendmsg(uuid).withHeader("call-command", "hangup");
    return cause == null ? c : c.withHeader("hangup-cause", cause);
  }

  /** A bare {@code sendmsg [uuid]} to add headers to. */
  public static EslCommand sendmsg(String uuid) {
    return of(uuid == null ? "sendmsg" : "sendmsg " + requireToken(uuid, "uuid"));
  }

  // ---------------------------------------------------------------- helpers

  private static String eventList(Collection<String> events, Collection<String> subclasses) {
    Set<String> names = new LinkedHashSet<>();
    boolean custom = false;
    for (String e : events) {
      String n = requireToken(e, "event name").toUpperCase(Locale.ROOT);
      if (n.equals("CUSTOM")) {
        custom = true;
      } else {
        names.add(n);
      }
    }
    List<String> tokens = new ArrayList<>(names);
    if (custom || !subclasses.isEmpty()) {
      tokens.add("CUSTOM");
      for (String s : new LinkedHashSet<>(subclasses)) {
        tokens.add(requireToken(s, "subclass"));
      }
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("no events given");
    }
    return String.join(" ", tokens);
  }

  private static String requireSingleLine(String s, String what) {
    Objects.requireNonNull(s, what);
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(what + " must not contain line breaks");
    }
    return s;
  }

  private static String requireNonBlank(String s, String what) {
    requireSingleLine(s, what);
    if (s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return s;
  }

  private static String requireToken(String s, String what) {
    requireNonBlank(s, what);
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain spaces: '" + s + "'");
      }
    }
    return s;
  }

  @Override
  public String toString() {
    // Never log the password.
    String shown = line.startsWith("auth ") ? "auth ***" : line;
    return "EslCommand[" + shown + (headers.isEmpty() ? "" : " " + headers)
        + (body == null ? "" : " body " + body.length + "B") + "]";
  }
}
