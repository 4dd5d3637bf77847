package org.faxserver.gateway.send.application;

import java.time.Instant;
import java.util.Optional;
import org.faxserver.gateway.send.model.CallOutcome;
import org.faxserver.gateway.send.model.CallTimeline;
import org.faxserver.gateway.send.model.ChannelEvent;
import org.faxserver.gateway.send.model.FaxProgress;
import org.faxserver.gateway.send.model.FaxResultFold;
import org.faxserver.gateway.send.model.Termination;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.HangupCause;

/**
 * One call in flight: the command, its fold, and whether we ended it. Events, the watchdog, kill
 * requests and reconciliation reach it from different threads, so every method is synchronized;
 * {@link #finish} hands out the outcome exactly once.
 */
final class TrackedCall {

  private final OriginateFax command;
  private final String jobUuid;
  private final String dialledNumber;
  private final Instant originatedAt;
  private final long connectionEpoch;
  private final FaxResultFold fold = new FaxResultFold();
  private Termination termination;
  private Instant killedAt;
  private boolean finished;

  TrackedCall(OriginateFax command, String jobUuid, String dialledNumber, Instant originatedAt, long connectionEpoch) {
    this.command = command;
    this.jobUuid = jobUuid;
    this.dialledNumber = dialledNumber;
    this.originatedAt = originatedAt;
    this.connectionEpoch = connectionEpoch;
  }

  OriginateFax command() {
    return command;
  }

  String jobUuid() {
    return jobUuid;
  }

  String dialledNumber() {
    return dialledNumber;
  }

  Instant originatedAt() {
    return originatedAt;
  }

  /** The ESL connection generation the originate went out on (see reconciliation). */
  long connectionEpoch() {
    return connectionEpoch;
  }

  synchronized Optional<FaxProgress> onEvent(ChannelEvent event, Instant at) {
    return finished ? Optional.empty() : fold.apply(event, at);
  }

  /** The originate's BACKGROUND_JOB body: {@code +OK <uuid>} or {@code -ERR <CAUSE>}. */
  synchronized Optional<FaxProgress> onOriginateResult(String body, Instant at) {
    if (finished) {
      return Optional.empty();
    }
    String text = body == null ? "" : body.strip();
    if (text.startsWith("+OK")) {
      return fold.originateSucceeded(at);
    }
    String cause = text.startsWith("-ERR") ? text.substring(4).strip() : text;
    fold.originateFailed(HangupCause.fromFreeSwitch(cause));
    return Optional.empty();
  }

  synchronized boolean isCallOver() {
    return fold.isCallOver();
  }

  synchronized CallTimeline timeline() {
    return new CallTimeline(originatedAt, fold.answeredAt(), fold.negotiatedAt(), fold.lastPageAt(), fold.faxEndedAt(),
        killedAt, command.deadline());
  }

  /**
   * Records that we are ending the call. The first reason wins (a watchdog kill is not turned into a
   * requested one by a later {@code call.kill}). Returns false if it was already being ended.
   */
  synchronized boolean markKilled(Termination why, Instant at) {
    if (finished || killedAt != null) {
      return false;
    }
    termination = why;
    killedAt = at;
    return true;
  }

  synchronized boolean killPending() {
    return killedAt != null && !finished;
  }

  /**
   * The outcome, once: the first caller gets it, later ones (a late event racing the watchdog) get
   * empty. {@code override} replaces our termination when we lost track of the call.
   */
  synchronized Optional<CallOutcome> finish(Termination override) {
    if (finished) {
      return Optional.empty();
    }
    finished = true;
    return Optional.of(fold.outcome(override != null ? override : termination));
  }
}
