package org.faxserver.esl;

/**
 * Called by {@link EslOutboundServer} once per call, after the {@code connect} reply arrived.
 * Runs on the shared dispatch executor: register listeners and issue commands, but never block
 * (a thousand calls share a few threads). Throwing closes the session.
 */
@FunctionalInterface
public interface OutboundSessionHandler {
  /** Takes over one call. */
  void onSession(OutboundSession session);
}
