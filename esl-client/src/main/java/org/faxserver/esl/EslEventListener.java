package org.faxserver.esl;

/**
 * Receives events. Called on the dispatch executor, one event at a time per connection and in wire
 * order, never on a Netty I/O thread. Keep it short and never block on a future of the same
 * connection inside it: replies are completed on the same serial queue, so that would deadlock.
 * Exceptions are logged and do not stop delivery.
 */
@FunctionalInterface
public interface EslEventListener {
  /** A listener that ignores everything. */
  EslEventListener NONE = event -> {};

  /** Handles one event. */
  void onEvent(EslEvent event);
}
