package org.faxserver.esl;

/**
 * Learns when an {@link EslInboundClient} becomes ready and when it loses its connection. Called
 * on the dispatch executor, in order with events.
 */
public interface EslConnectionListener {
  /** A listener that ignores everything. */
  EslConnectionListener NONE = new EslConnectionListener() {};

  /** Authenticated, subscriptions and filters restored; called after every (re)connect. */
  default void onConnected() {}

  /**
   * The connection is gone. A reconnect follows unless the client is {@link ConnectionState#CLOSED}
   * (closed by us, or the password was refused).
   *
   * @param cause why, never {@code null}
   */
  default void onDisconnected(Throwable cause) {}
}
