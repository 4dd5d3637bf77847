package org.faxserver.gateway.send.model;

import java.util.Objects;

/**
 * Why we, rather than the call itself, ended a call. A call that simply hangs up has no termination.
 *
 * @param kind   who ended it
 * @param detail a human explanation, e.g. which watchdog fired
 */
public record Termination(Kind kind, String detail) {

  /** Who ended the call. */
  public enum Kind {
    /** One of the {@link CallWatchdog}'s timeouts. */
    WATCHDOG,
    /** Someone asked for it ({@code call.kill}, e.g. a cancelled job). */
    REQUESTED,
    /** We lost track of the call (FreeSWITCH unreachable, restart) and it is gone or was killed. */
    LOST
  }

  public Termination {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  public static Termination watchdog(String detail) {
    return new Termination(Kind.WATCHDOG, detail);
  }

  public static Termination requested(String detail) {
    return new Termination(Kind.REQUESTED, detail);
  }

  public static Termination lost(String detail) {
    return new Termination(Kind.LOST, detail);
  }
}
