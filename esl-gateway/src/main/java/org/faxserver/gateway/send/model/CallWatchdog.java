package org.faxserver.gateway.send.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The upper bounds of a sending call. The seed had none: a call FreeSWITCH never hung up (the known
 * "txfax does not hang up after a T.38 re-INVITE" bugs) blocked its job forever. Each limit is
 * measured from the step before it, so a long document is fine as long as its pages keep coming.
 *
 * <ul>
 *   <li><b>answer</b>: originate → answer. A backstop: {@code originate_timeout} normally ends
 *       ringing inside FreeSWITCH first.</li>
 *   <li><b>training</b>: answer → phase B done.</li>
 *   <li><b>page</b>: last phase B or page → next page (or the result).</li>
 *   <li><b>deadline</b>: the attempt's own total deadline.</li>
 *   <li><b>hangup after fax</b>: txfax finished → the channel is gone.</li>
 *   <li><b>hangup after kill</b>: {@code uuid_kill} → the channel is gone; after that we stop
 *       waiting and report what we have.</li>
 * </ul>
 */
public final class CallWatchdog {

  private final Settings settings;

  /**
   * The limits; each must be positive.
   *
   * @param answerTimeout    originate → answer
   * @param trainingTimeout  answer → phase B done
   * @param pageTimeout      phase B or page → next page or result
   * @param hangupAfterFax   txfax done → channel gone
   * @param hangupAfterKill  uuid_kill → channel gone
   */
  public record Settings(Duration answerTimeout, Duration trainingTimeout, Duration pageTimeout,
      Duration hangupAfterFax, Duration hangupAfterKill) {

    public Settings {
      requirePositive(answerTimeout, "answerTimeout");
      requirePositive(trainingTimeout, "trainingTimeout");
      requirePositive(pageTimeout, "pageTimeout");
      requirePositive(hangupAfterFax, "hangupAfterFax");
      requirePositive(hangupAfterKill, "hangupAfterKill");
    }

    private static void requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
    }
  }

  public CallWatchdog(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Judges the call at the clock's current instant. */
  public WatchdogDecision decide(CallTimeline call, Clock clock) {
    return decide(call, clock.instant());
  }

  /** Judges the call at {@code now}. */
  public WatchdogDecision decide(CallTimeline call, Instant now) {
    if (call.killedAt() != null) {
      return passed(call.killedAt(), settings.hangupAfterKill(), now)
          ? WatchdogDecision.giveUp("no hangup " + settings.hangupAfterKill() + " after uuid_kill")
          : WatchdogDecision.keep();
    }
    if (call.faxEndedAt() != null) {
      // The fax is decided; only the hangup is missing. The deadline no longer matters.
      return passed(call.faxEndedAt(), settings.hangupAfterFax(), now)
          ? WatchdogDecision.kill(WatchdogDecision.Reason.NO_HANGUP_AFTER_FAX,
              "no hangup " + settings.hangupAfterFax() + " after txfax finished")
          : WatchdogDecision.keep();
    }
    if (!now.isBefore(call.deadline())) {
      return WatchdogDecision.kill(WatchdogDecision.Reason.DEADLINE, "attempt deadline " + call.deadline() + " passed");
    }
    if (call.answeredAt() == null) {
      return limit(call.originatedAt(), settings.answerTimeout(), now, WatchdogDecision.Reason.ANSWER_TIMEOUT,
          "not answered within ");
    }
    if (call.negotiatedAt() == null) {
      return limit(call.answeredAt(), settings.trainingTimeout(), now, WatchdogDecision.Reason.TRAINING_TIMEOUT,
          "no fax negotiation within ");
    }
    Instant last = call.lastPageAt() != null && call.lastPageAt().isAfter(call.negotiatedAt())
        ? call.lastPageAt() : call.negotiatedAt();
    return limit(last, settings.pageTimeout(), now, WatchdogDecision.Reason.PAGE_TIMEOUT, "no page within ");
  }

  private static WatchdogDecision limit(Instant since, Duration limit, Instant now, WatchdogDecision.Reason reason,
      String text) {
    return passed(since, limit, now) ? WatchdogDecision.kill(reason, text + limit) : WatchdogDecision.keep();
  }

  private static boolean passed(Instant since, Duration limit, Instant now) {
    return !now.isBefore(since.plus(limit));
  }
}
