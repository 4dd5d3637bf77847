package org.faxserver.esl;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-channel protocol core shared by the inbound client and outbound sessions: writes commands
 * and matches replies to them.
 *
 * <p>FreeSWITCH answers commands strictly in order on one connection ({@code command/reply} and
 * {@code api/response}), interleaved with events, so a FIFO of pending futures is enough. The
 * FIFO is only touched on the channel's event loop: a command is queued and written in the same
 * event-loop task, which keeps queue order equal to wire order even with many calling threads.
 */
abstract class EslConnection extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(EslConnection.class);

  /** A command waiting for its reply; {@code direct} replies complete on the I/O thread (internal use). */
  private record Pending(EslCommand command, CompletableFuture<EslFrame> future, boolean direct) {}

  protected final SerialDispatcher dispatcher;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  protected volatile Channel channel;

  EslConnection(SerialDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /**
   * Writes {@code cmd} and returns its reply frame. User-facing futures ({@code direct == false})
   * complete on the dispatcher, so their callbacks never run on the I/O thread.
   */
  CompletableFuture<EslFrame> send(EslCommand cmd, boolean direct, Duration timeout) {
    return send(cmd, direct, timeout, false);
  }

  /**
   * Like {@link #send(EslCommand, boolean, Duration)}, but always queues the write as an event-loop
   * task, even on the event loop. Commands sent this way while holding a lock reach the wire in the
   * order the lock was taken, whichever threads send them.
   */
  CompletableFuture<EslFrame> sendQueued(EslCommand cmd, boolean direct, Duration timeout) {
    return send(cmd, direct, timeout, true);
  }

  private CompletableFuture<EslFrame> send(EslCommand cmd, boolean direct, Duration timeout, boolean alwaysQueue) {
    CompletableFuture<EslFrame> result = new CompletableFuture<>();
    Channel ch = channel;
    if (ch == null) {
      result.completeExceptionally(new EslConnectionException("not connected"));
      return result;
    }
    EventLoop loop = ch.eventLoop();
    Runnable write = () -> {
      if (!ch.isActive()) {
        result.completeExceptionally(new EslConnectionException("connection closed before '" + describe(cmd) + "'"));
        return;
      }
      pending.add(new Pending(cmd, result, direct));
      ch.writeAndFlush(cmd).addListener(f -> {
        if (!f.isSuccess()) {
          // The reply FIFO is out of step once a write is lost; only a new connection fixes that.
          log.warn("Write of {} failed, closing {}", cmd, ch, f.cause());
          ch.close();
        }
      });
    };
    if (!alwaysQueue && loop.inEventLoop()) {
      write.run();
    } else {
      try {
        loop.execute(write);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        result.completeExceptionally(new EslConnectionException("event loop shut down", e));
      }
    }
    if (timeout != null && !timeout.isZero()) {
      result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    return result;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    Channel ch = ctx.channel();
    channel = ch;
    dispatcher.flowControl(new AutoReadFlowControl(ch));
    super.channelActive(ctx);
  }

  /** Returns {@code true} while reading from the socket is paused because the listener is behind. */
  boolean readingPaused() {
    Channel ch = channel;
    return ch != null && !ch.config().isAutoRead();
  }

  /** Back-pressure from the dispatcher: Netty auto-read off while the listener is behind. */
  private static final class AutoReadFlowControl implements SerialDispatcher.FlowControl {
    private final Channel ch;

    AutoReadFlowControl(Channel ch) {
      this.ch = ch;
    }

    @Override
    public void pause() {
      ch.config().setAutoRead(false);
    }

    @Override
    public void resume() {
      ch.config().setAutoRead(true);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof EslFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    switch (frame.contentType()) {
      case COMMAND_REPLY, API_RESPONSE -> completeReply(frame);
      case EVENT_PLAIN, EVENT_JSON -> {
        if (frame.decoderResult().isFailure() || frame.event() == null) {
          log.warn("Skipping undecodable event on {}: {}", ctx.channel(), frame.decoderResult().cause());
        } else {
          onEvent(frame.event());
        }
      }
      default -> onOtherFrame(ctx, frame);
    }
  }

  private void completeReply(EslFrame frame) {
    Pending p = pending.poll();
    if (p == null) {
      log.warn("Reply without a pending command on {}: {}", channel, frame);
      return;
    }
    if (frame.decoderResult().isFailure()) {
      complete(p, null, new EslException("undecodable reply to '" + describe(p.command()) + "'",
          frame.decoderResult().cause()));
    } else {
      complete(p, frame, null);
    }
  }

  private void complete(Pending p, EslFrame frame, Throwable error) {
    Runnable r = error == null ? () -> p.future().complete(frame) : () -> p.future().completeExceptionally(error);
    if (p.direct()) {
      r.run();
    } else {
      dispatcher.submit(r);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    Pending p;
    while ((p = pending.poll()) != null) {
      complete(p, null, new EslConnectionException("connection closed before the reply to '" + describe(p.command()) + "'"));
    }
    onClosed();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("Closing ESL connection {} after error", ctx.channel(), cause);
    ctx.close();
  }

  /** Called on the I/O thread for every successfully decoded event. */
  protected abstract void onEvent(EslEvent event);

  /** Called on the I/O thread for auth requests, notices, log data and unknown frames. */
  protected abstract void onOtherFrame(ChannelHandlerContext ctx, EslFrame frame);

  /** Called on the I/O thread once the channel is closed, after pending replies were failed. */
  protected abstract void onClosed();

  static String describe(EslCommand cmd) {
    String line = cmd.line();
    return line.startsWith("auth ") ? "auth" : line;
  }

  /** Turns a reply into success or an {@link EslCommandException}. */
  static CompletableFuture<Void> requireOk(CompletableFuture<EslFrame> reply, EslCommand cmd) {
    return reply.thenApply(f -> {
      if (!f.isOk()) {
        throw new EslCommandException(describe(cmd), f.contentType() == EslContentType.API_RESPONSE
            ? f.bodyAsString().strip() : String.valueOf(f.replyText()));
      }
      return null;
    });
  }
}
