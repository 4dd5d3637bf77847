package org.faxserver.esl;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Channel handler of one outbound socket: sends {@code connect}, then drives an {@link OutboundSession}. */
final class OutboundConnection extends EslConnection {

  private static final Logger log = LoggerFactory.getLogger(OutboundConnection.class);

  private final OutboundServerConfig config;
  private final OutboundSessionHandler handler;
  private final EslOutboundServer server;
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile OutboundSession session;
  private volatile String lastHangupCause;
  private boolean admitted; // event loop only

  OutboundConnection(OutboundServerConfig config, OutboundSessionHandler handler, Executor executor,
      EslOutboundServer server) {
    super(new SerialDispatcher("esl-outbound", executor, config.sessionEventQueueCapacity()));
    this.config = config;
    this.handler = handler;
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    super.channelActive(ctx);
    Channel ch = ctx.channel();
    if (!server.admit(ch)) {
      ch.close();
      return;
    }
    admitted = true;
    // FreeSWITCH drops the socket if the first command does not arrive within 25 s: send it now.
    ScheduledFuture<?> timeout = ch.eventLoop().schedule(() -> {
      log.warn("No connect reply from {} within {}; closing", ch, config.connectReplyTimeout());
      ch.close();
    }, config.connectReplyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    send(EslCommand.connect(), true, null).whenComplete((reply, err) -> {
      timeout.cancel(false);
      if (err != null) {
        // Closed meanwhile, or the connect reply could not be decoded: no session without channel data.
        log.warn("No usable connect reply from {}: {}", ch, err.toString());
        ch.close();
        return;
      }
      if (!reply.isConnectReply() || !reply.isOk()) {
        log.warn("Unexpected reply to connect from {}: {}; closing", ch, reply);
        ch.close();
        return;
      }
      OutboundSession s = new OutboundSession(this, reply.event(), config.replyTimeout());
      session = s;
      dispatcher.submit(() -> {
        try {
          handler.onSession(s);
        } catch (RuntimeException e) {
          log.error("Session handler failed for {}; closing", s, e);
          closeSession();
        }
      });
    });
  }

  @Override
  protected void onEvent(EslEvent event) {
    OutboundSession s = session;
    if (s == null) {
      log.debug("Event before the connect reply ignored: {}", event);
      return;
    }
    if (event.is("CHANNEL_HANGUP") || event.is("CHANNEL_HANGUP_COMPLETE")) {
      String cause = event.header("Hangup-Cause");
      if (cause != null) {
        lastHangupCause = cause;
      }
    }
    if (event.is("CHANNEL_EXECUTE_COMPLETE")) {
      String appUuid = event.applicationUuid();
      CompletableFuture<EslEvent> done = appUuid == null ? null : s.executions.get(appUuid);
      if (done != null) {
        // Same serial queue as the event itself: the future completes in wire order.
        dispatcher.submit(() -> done.complete(event));
      }
    }
    dispatcher.offerEvent(() -> s.eventListener().onEvent(event));
  }

  @Override
  protected void onOtherFrame(ChannelHandlerContext ctx, EslFrame frame) {
    if (frame.contentType() == EslContentType.DISCONNECT_NOTICE) {
      String disposition = frame.header("Content-Disposition");
      SessionEnd.Reason reason = "linger".equalsIgnoreCase(disposition)
          ? SessionEnd.Reason.HANGUP_LINGER : SessionEnd.Reason.DISCONNECT_NOTICE;
      log.debug("Disconnect notice ({}) on {}", disposition, ctx.channel());
      end(new SessionEnd(reason, lastHangupCause, frame));
    } else {
      log.debug("Ignoring {} on outbound socket {}", frame, ctx.channel());
    }
  }

  @Override
  protected void onClosed() {
    if (admitted) {
      server.sessionClosed();
    }
    OutboundSession s = session;
    end(new SessionEnd(closing.get() ? SessionEnd.Reason.CLOSED_LOCALLY : SessionEnd.Reason.CONNECTION_CLOSED,
        lastHangupCause, null));
    dispatcher.submit(() -> {
      if (s != null) {
        EslConnectionException gone = new EslConnectionException("session closed before the application completed");
        s.executions.values().forEach(f -> f.completeExceptionally(gone));
      }
      closedFuture.complete(null);
    });
  }

  private void end(SessionEnd end) {
    OutboundSession s = session;
    if (s != null && !s.ended.isDone()) {
      dispatcher.submit(() -> s.ended.complete(end));
    }
  }

  CompletableFuture<Void> closeSession() {
    Channel ch = channel;
    if (closing.compareAndSet(false, true) && ch != null && ch.isActive()) {
      send(EslCommand.exit(), true, Duration.ofSeconds(2)).whenComplete((r, t) -> ch.close());
    }
    return closedFuture.copy();
  }

  CompletableFuture<Void> closedFuture() {
    return closedFuture;
  }

  boolean isOpen() {
    Channel ch = channel;
    return ch != null && ch.isActive();
  }

  long droppedEvents() {
    return dispatcher.droppedEvents();
  }
}
