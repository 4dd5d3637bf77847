package org.faxserver.esl;

/** Lifecycle of an {@link EslInboundClient}. */
public enum ConnectionState {
  /** Built, {@link EslInboundClient#start()} not called yet. */
  NEW,
  /** A TCP connection attempt is in progress. */
  CONNECTING,
  /** Connected; waiting for {@code auth/request}, the auth reply, or the restored subscriptions and filters. */
  AUTHENTICATING,
  /** Authenticated with subscriptions and filters in place; commands are accepted. */
  READY,
  /** The connection was lost; a reconnect is scheduled with backoff. Commands fail fast. */
  DISCONNECTED,
  /** Closed by {@link EslInboundClient#close()} or after an authentication failure. Terminal. */
  CLOSED
}
