package org.faxserver.gateway.receive.application;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Ends a call from outside its socket ({@code uuid_kill <uuid>} over the inbound event socket). The
 * call socket itself cannot: an {@code execute hangup} queues behind the event-locked {@code rxfax}.
 */
@FunctionalInterface
public interface CallKiller {

  /** Completes with true if FreeSWITCH had the channel and killed it; never blocks the caller. */
  CompletableFuture<Boolean> kill(UUID callId);
}
