package org.faxserver.gateway.receive.model;

import java.util.Objects;

/**
 * One dialplan application to run on the call ({@code sendmsg execute}).
 *
 * @param app       the application, e.g. {@code rxfax}
 * @param arg       its argument; may be empty
 * @param eventLock run it with {@code event-lock: true} (rxfax, so the queued hangup cannot run nested
 *                  inside it)
 */
public record ReceiveStep(String app, String arg, boolean eventLock) {

  public ReceiveStep {
    Objects.requireNonNull(app, "app");
    arg = arg == null ? "" : arg;
  }

  static ReceiveStep of(String app, String arg) {
    return new ReceiveStep(app, arg, false);
  }

  static ReceiveStep locked(String app, String arg) {
    return new ReceiveStep(app, arg, true);
  }
}
