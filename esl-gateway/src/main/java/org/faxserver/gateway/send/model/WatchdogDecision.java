package org.faxserver.gateway.send.model;

import java.util.Objects;

/**
 * What {@link CallWatchdog} says about a call right now.
 *
 * @param action what to do
 * @param reason which limit was hit (null for {@link Action#KEEP})
 * @param detail human explanation naming the limit (null for {@link Action#KEEP})
 */
public record WatchdogDecision(Action action, Reason reason, String detail) {

  /** What to do with the call. */
  public enum Action {
    /** Within every limit. */
    KEEP,
    /** Send {@code uuid_kill} now. */
    KILL,
    /**
     * We killed it, but FreeSWITCH never confirmed the hangup: stop waiting and report the attempt
     * with what we know, so the job does not hang forever (the seed's missing upper bound).
     */
    GIVE_UP
  }

  /** The limit that was hit. */
  public enum Reason {
    ANSWER_TIMEOUT,
    TRAINING_TIMEOUT,
    PAGE_TIMEOUT,
    DEADLINE,
    NO_HANGUP_AFTER_FAX,
    NO_HANGUP_AFTER_KILL
  }

  private static final WatchdogDecision KEEP = new WatchdogDecision(Action.KEEP, null, null);

  public WatchdogDecision {
    Objects.requireNonNull(action, "action");
    if ((action == Action.KEEP) != (reason == null)) {
      throw new IllegalArgumentException("a reason goes with KILL and GIVE_UP only");
    }
  }

  public static WatchdogDecision keep() {
    return KEEP;
  }

  public static WatchdogDecision kill(Reason reason, String detail) {
    return new WatchdogDecision(Action.KILL, reason, detail);
  }

  public static WatchdogDecision giveUp(String detail) {
    return new WatchdogDecision(Action.GIVE_UP, Reason.NO_HANGUP_AFTER_KILL, detail);
  }
}
