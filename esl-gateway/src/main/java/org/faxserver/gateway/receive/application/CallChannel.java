package org.faxserver.gateway.receive.application;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.faxserver.gateway.send.model.ChannelEvent;

/**
 * One incoming call as the use case drives it (the outbound-socket session). Callbacks and futures
 * complete serially for the call, in wire order; nothing here may block.
 */
public interface CallChannel {

  /** The CHANNEL_DATA of the {@code connect} reply. */
  ChannelEvent channelData();

  /** {@code linger}, {@code myevents} and the spandsp receive events; events go to {@code listener}. */
  CompletableFuture<Void> follow(Consumer<ChannelEvent> listener);

  /** Runs an application; completes at its CHANNEL_EXECUTE_COMPLETE. */
  CompletableFuture<Void> execute(String app, String arg, boolean eventLock);

  /**
   * Completes once when the call is over for us: hangup (linger notice), disconnect, or the socket
   * closing. The boolean says whether late events may still arrive (lingering).
   */
  CompletableFuture<Boolean> ended();

  /** Ends the session ({@code exit}, then close). */
  void close();
}
