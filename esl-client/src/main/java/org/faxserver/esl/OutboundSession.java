package org.faxserver.esl;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call handed to us by FreeSWITCH's {@code socket host:port async full} application.
 *
 * <p>Typical receive flow:
 * <pre>{@code
 * session.eventListener(event -> ...);              // channel and CUSTOM events of this call
 * session.myevents();
 * session.linger(30);
 * session.subscribe(List.of(), List.of("spandsp::rxfaxresult", "spandsp::rxfaxpageresult"));
 * session.execute("answer", null, true);
 * session.execute("rxfax", "/var/spool/fax/in/" + session.uniqueId() + ".tif", true)
 *     .thenAccept(complete -> ... complete.header("variable_fax_success") ...);
 * session.ended().thenCompose(end -> session.close());
 * }</pre>
 *
 * <p>Commands are pipelined and their replies matched in order. {@link #execute} sends an
 * {@code Event-UUID} and completes when the CHANNEL_EXECUTE_COMPLETE with that
 * {@code Application-UUID} arrives (which needs {@link #myevents()}). In {@code async} mode the
 * sendmsg reply ({@code +OK}) comes at once; the application runs later.
 *
 * <p>All futures and listener calls complete on the server's dispatch executor, serially for this
 * session and in wire order. Thread-safe.
 */
public final class OutboundSession {

  private final OutboundConnection connection;
  private final EslEvent channelData;
  private final Duration replyTimeout;
  final ConcurrentHashMap<String, CompletableFuture<EslEvent>> executions = new ConcurrentHashMap<>();
  final CompletableFuture<SessionEnd> ended = new CompletableFuture<>();
  private volatile EslEventListener listener = EslEventListener.NONE;

  OutboundSession(OutboundConnection connection, EslEvent channelData, Duration replyTimeout) {
    this.connection = connection;
    this.channelData = channelData;
    this.replyTimeout = replyTimeout;
  }

  /** Returns the CHANNEL_DATA event from the {@code connect} reply: channel state, Caller-*, variable_*. */
  public EslEvent channelData() {
    return channelData;
  }

  /** Returns the channel's {@code Unique-ID}. */
  public String uniqueId() {
    return channelData.uniqueId();
  }

  /** Returns the first value of a channel data header, for example {@code Caller-Destination-Number}. */
  public String channelHeader(String name) {
    return channelData.header(name);
  }

  /** Sets the listener for this call's events (replacing the previous one). */
  public void eventListener(EslEventListener l) {
    this.listener = Objects.requireNonNull(l);
  }

  EslEventListener eventListener() {
    return listener;
  }

  /** {@code myevents}: all channel events of this call (CHANNEL_EXECUTE_COMPLETE, HANGUP...). */
  public CompletableFuture<Void> myevents() {
    return command(EslCommand.myevents());
  }

  /**
   * {@code linger <seconds>}: after hangup keep the socket for that long, so HANGUP_COMPLETE and late
   * spandsp events still arrive. Needs {@code full} in the dialplan.
   */
  public CompletableFuture<Void> linger(int seconds) {
    return command(EslCommand.linger(seconds));
  }

  /**
   * {@code event plain ...}: extra subscriptions, typically CUSTOM spandsp subclasses, which
   * {@code myevents} does not include. While myevents is on, FreeSWITCH limits them to this call.
   */
  public CompletableFuture<Void> subscribe(Collection<String> eventNames, Collection<String> customSubclasses) {
    return command(EslCommand.event(EventFormat.PLAIN, eventNames, customSubclasses));
  }

  /**
   * Executes a dialplan application through {@code sendmsg} and completes with its
   * CHANNEL_EXECUTE_COMPLETE event. Fails with {@link EslCommandException} if the sendmsg is refused
   * and with {@link EslConnectionException} if the session ends first.
   *
   * @param eventLock {@code true} for txfax/rxfax, so a later queued message cannot run nested inside
   */
  public CompletableFuture<EslEvent> execute(String app, String arg, boolean eventLock) {
    String eventUuid = UUID.randomUUID().toString();
    EslCommand cmd = EslCommand.execute(null, app, arg, eventLock, eventUuid);
    CompletableFuture<EslEvent> done = new CompletableFuture<>();
    executions.put(eventUuid, done);
    done.whenComplete((e, t) -> executions.remove(eventUuid, done));
    if (ended.isDone() && !connection.isOpen()) {
      done.completeExceptionally(new EslConnectionException("session already ended"));
      return done;
    }
    connection.send(cmd, false, replyTimeout).whenComplete((reply, err) -> {
      if (err != null) {
        done.completeExceptionally(err);
      } else if (!reply.isOk()) {
        done.completeExceptionally(new EslCommandException("execute " + app, String.valueOf(reply.replyText())));
      }
    });
    return done;
  }

  /** Hangs the channel up ({@code sendmsg} with {@code call-command: hangup}); cause may be null. */
  public CompletableFuture<Void> hangup(String cause) {
    return command(EslCommand.hangup(null, cause));
  }

  /** Sends any command and returns the raw reply. */
  public CompletableFuture<EslFrame> sendCommand(EslCommand cmd) {
    return connection.send(cmd, false, replyTimeout);
  }

  /**
   * Completes once when the call is over for us: the linger notice (hangup), a disconnect notice,
   * or the socket closing, whichever comes first. It never fails.
   */
  public CompletableFuture<SessionEnd> ended() {
    return ended.copy();
  }

  /** Completes when the socket is closed. */
  public CompletableFuture<Void> closed() {
    return connection.closedFuture().copy();
  }

  /** Returns {@code true} while the socket is open. */
  public boolean isOpen() {
    return connection.isOpen();
  }

  /** Returns how many events were dropped because this session's listener fell behind. */
  public long droppedEvents() {
    return connection.droppedEvents();
  }

  /**
   * Ends the session cleanly: sends {@code exit} if the socket is open (FreeSWITCH replies and
   * closes; after a linger notice this skips the remaining linger time), then closes our side.
   * Pending executions fail. Completes when the socket is closed.
   */
  public CompletableFuture<Void> close() {
    return connection.closeSession();
  }

  private CompletableFuture<Void> command(EslCommand cmd) {
    return EslConnection.requireOk(connection.send(cmd, false, replyTimeout), cmd);
  }

  @Override
  public String toString() {
    return "OutboundSession[" + uniqueId() + " " + channelData.header("Channel-Name") + "]";
  }
}
