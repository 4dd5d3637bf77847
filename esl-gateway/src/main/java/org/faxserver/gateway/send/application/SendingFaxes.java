package org.faxserver.gateway.send.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.faxserver.gateway.send.model.CallOutcome;
import org.faxserver.gateway.send.model.CallWatchdog;
import org.faxserver.gateway.send.model.ChannelEvent;
import org.faxserver.gateway.send.model.DestinationSettings;
import org.faxserver.gateway.send.model.DialString;
import org.faxserver.gateway.send.model.FaxProgress;
import org.faxserver.gateway.send.model.OriginatePlanner;
import org.faxserver.gateway.send.model.SoftmodemFallbackRule;
import org.faxserver.gateway.send.model.Termination;
import org.faxserver.gateway.send.model.WatchdogDecision;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending faxes on this node: originating commands, following their calls, watching them, killing
 * them on request, and reconciling with FreeSWITCH after a (re)connect. The adapters only translate
 * (AMQP command → {@link #originate}, ESL event → {@link #onChannelEvent}); the decisions are the
 * model's ({@link OriginatePlanner}, {@link org.faxserver.gateway.send.model.FaxResultFold},
 * {@link CallWatchdog}, {@link SoftmodemFallbackRule}).
 *
 * <p><b>When a command counts as taken.</b> {@link #originate} returns {@link Intake#ACCEPTED} as soon
 * as the call is tracked and its {@code bgapi originate} went out, and the listener acks then, not
 * when the fax ends: a fax may take longer than the broker lets a delivery stay unacked, and an
 * unacked command would be redelivered to another gateway while the call still runs (a duplicate
 * fax). What protects the attempt afterwards is the tracking: the call's own events, the watchdog,
 * and on reconnect the {@linkplain #connected() reconciliation}. If this process dies mid-call, the
 * command is gone (acked) and FreeSWITCH still has the call; when the gateway comes back, it finds the
 * call by its {@code faxserver_job_id} variable, kills it and reports it {@code CALL_DROPPED}, so
 * fax-queue retries a call that is certainly down. If it never comes back, fax-queue's stuck-attempt
 * recovery must act after the attempt's deadline. On an orderly shutdown the gateway first stops
 * taking commands and waits a while for its calls to end ({@link #stopTakingWork()}).
 */
public final class SendingFaxes {

  private static final Logger log = LoggerFactory.getLogger(SendingFaxes.class);

  /** What became of an originate command; the listener acks all but {@link #RETRY_LATER}. */
  public enum Intake {
    /** The call is being made and tracked. */
    ACCEPTED,
    /** The attempt is already in flight or was reported: nothing to do. */
    DUPLICATE,
    /** Decided without a call (missing document, deadline passed); {@code attempt.finished} is out. */
    REPORTED,
    /** FreeSWITCH unreachable or no free channel: put the command back for later. */
    RETRY_LATER
  }

  /**
   * Settings of the use case.
   *
   * @param commandTimeout how long to wait for FreeSWITCH's replies before giving up on a command
   * @param maxChannels    calls this gateway may have in flight on its node
   * @param finishedMemory how many finished attempt ids to remember against redelivered commands
   */
  public record Settings(Duration commandTimeout, int maxChannels, int finishedMemory) {
    public Settings {
      Objects.requireNonNull(commandTimeout, "commandTimeout");
    }
  }

  private final FreeSwitch freeSwitch;
  private final AttemptEvents events;
  private final DocumentLocator documents;
  private final OriginatePlanner planner;
  private final CallWatchdog watchdog;
  private final SoftmodemFallbackRule fallbackRule;
  private final Clock clock;
  private final Settings settings;
  private final CallRegistry calls;
  private final AtomicLong connectionEpoch = new AtomicLong();
  private volatile boolean reconciled;
  private volatile boolean closing;
  private volatile IntakeControl intake = () -> { };

  public SendingFaxes(FreeSwitch freeSwitch, AttemptEvents events, DocumentLocator documents, OriginatePlanner planner,
      CallWatchdog watchdog, SoftmodemFallbackRule fallbackRule, Clock clock, Settings settings) {
    this.freeSwitch = Objects.requireNonNull(freeSwitch);
    this.events = Objects.requireNonNull(events);
    this.documents = Objects.requireNonNull(documents);
    this.planner = Objects.requireNonNull(planner);
    this.watchdog = Objects.requireNonNull(watchdog);
    this.fallbackRule = Objects.requireNonNull(fallbackRule);
    this.clock = Objects.requireNonNull(clock);
    this.settings = Objects.requireNonNull(settings);
    this.calls = new CallRegistry(settings.maxChannels(), settings.finishedMemory());
  }

  /** Connects the intake (the consumer gate), which is built after this object. */
  public void intakeControl(IntakeControl control) {
    this.intake = Objects.requireNonNull(control);
  }

  /**
   * Whether originate commands should be consumed now: FreeSWITCH is up, the calls it still had
   * after the last (re)connect are reconciled, and a channel is free.
   */
  public boolean acceptsWork() {
    return !closing && freeSwitch.isReady() && reconciled && calls.freeChannels() > 0;
  }

  /**
   * Takes no more commands (shutdown). Calls in flight go on and are followed as before, so a
   * deploy can let them finish instead of leaving them to the next start's reconciliation.
   */
  public void stopTakingWork() {
    closing = true;
    intake.reevaluate();
  }

  /** Calls in flight. */
  public int callsInFlight() {
    return calls.all().size();
  }

  // ------------------------------------------------------------------ originate

  /** Takes one {@code fax.originate} command. Blocks for FreeSWITCH's replies (not on the ESL thread). */
  public Intake originate(OriginateFax cmd) {
    if (calls.knows(cmd.attemptId())) {
      log.info("attempt " + cmd.attemptId() + " already in flight or reported; dropping the command");
      return Intake.DUPLICATE;
    }
    Instant now = clock.instant();
    if (!now.isBefore(cmd.deadline())) {
      return reportWithoutCall(cmd, AttemptEnd.WATCHDOG, "attempt deadline " + cmd.deadline()
          + " passed before the call");
    }
    Optional<String> file = documents.freeswitchPath(cmd.document());
    if (file.isEmpty()) {
      return reportWithoutCall(cmd, AttemptEnd.EARLY_ERROR, "document not found: " + cmd.document().key());
    }
    if (!acceptsWork()) {
      return Intake.RETRY_LATER;
    }
    String number = OriginatePlanner.dialledNumber(cmd.destination());
    DestinationSettings destination;
    try {
      destination = await(freeSwitch.destinationSettings(number));
    } catch (FreeSwitchUnavailable e) {
      log.warn("mod_db lookup for " + number + " failed (" + e.getMessage() + "); retrying the command later");
      return Intake.RETRY_LATER;
    }
    DialString dial = planner.plan(cmd, file.get(), destination);
    if (!dial.ignoredOverrides().isEmpty()) {
      log.warn("left out overrides for " + number + " that could take the call over or break the dial string: "
          + dial.ignoredOverrides());
    }
    TrackedCall call = new TrackedCall(cmd, UUID.randomUUID().toString(), number, now, connectionEpoch.get());
    if (!calls.add(call)) {
      return calls.knows(cmd.attemptId()) ? Intake.DUPLICATE : Intake.RETRY_LATER;
    }
    intake.reevaluate();
    log.info("attempt " + cmd.attemptId() + ": bgapi " + dial.originateCommand());
    try {
      await(freeSwitch.originate(dial.originateCommand(), call.jobUuid()));
    } catch (FreeSwitchUnavailable e) {
      // FreeSWITCH may or may not have the call. Keep tracking it: its events tell if it exists, the
      // watchdog bounds it, and the reconciliation after a reconnect ends it if FreeSWITCH has nothing.
      log.warn("attempt " + cmd.attemptId() + ": originate not confirmed (" + e.getMessage()
          + "); following it anyway");
    }
    return Intake.ACCEPTED;
  }

  private Intake reportWithoutCall(OriginateFax cmd, AttemptEnd end, String why) {
    if (!calls.claimForReport(cmd.attemptId())) {
      return Intake.DUPLICATE; // another copy of the command is being dialled or was reported
    }
    log.warn("attempt " + cmd.attemptId() + ": " + why);
    events.finished(new AttemptFinished(cmd.attemptId(), cmd.jobId(), cmd.gateway(), end,
        FaxResult.notStarted(HangupCause.NONE, why), clock.instant(), null, why), null);
    return Intake.REPORTED;
  }

  // ------------------------------------------------------------------ events

  /** An event whose {@code Unique-ID} is {@code channel}; ignored unless it is one of our calls. */
  public void onChannelEvent(UUID channel, ChannelEvent event) {
    calls.byAttempt(channel).ifPresent(call -> {
      call.onEvent(event, clock.instant()).ifPresent(p -> publishProgress(call, p));
      if (call.isCallOver()) {
        finish(call, null);
      }
    });
  }

  /** A BACKGROUND_JOB; ignored unless it answers one of our originates. */
  public void onBackgroundJob(String jobUuid, String body) {
    calls.byJob(jobUuid).ifPresent(call -> {
      call.onOriginateResult(body, clock.instant()).ifPresent(p -> publishProgress(call, p));
      if (call.isCallOver()) {
        finish(call, null);
      }
    });
  }

  private void publishProgress(TrackedCall call, FaxProgress p) {
    OriginateFax cmd = call.command();
    events.progress(new AttemptProgress(cmd.attemptId(), cmd.jobId(), p.stage(), p.negotiation(), p.pagesTransferred(),
        p.pagesTotal()));
  }

  private void finish(TrackedCall call, Termination override) {
    call.finish(override).ifPresent(outcome -> {
      calls.finished(call);
      String learned = learnFallback(call, outcome);
      OriginateFax cmd = call.command();
      String detail = learned == null ? outcome.detail()
          : join(outcome.detail(), "softmodem fallback learned for " + learned);
      events.finished(new AttemptFinished(cmd.attemptId(), cmd.jobId(), cmd.gateway(), outcome.end(), outcome.result(),
          call.originatedAt(), outcome.answeredAt(), detail), learned);
      log.info("attempt " + cmd.attemptId() + " finished: " + outcome.end() + ", success="
          + outcome.result().success() + ", pages=" + outcome.result().pagesTransferred() + ", cause="
          + outcome.result().hangupCause() + (outcome.detail() == null ? "" : ", " + outcome.detail()));
      intake.reevaluate();
    });
  }

  /** Returns the number put on the fallback list, or null. */
  private String learnFallback(TrackedCall call, CallOutcome outcome) {
    SoftmodemFallbackRule.Verdict verdict = fallbackRule.judge(outcome.result());
    if (!verdict.learn()) {
      return null;
    }
    String number = call.dialledNumber();
    freeSwitch.learnFallback(number, clock.instant().getEpochSecond()).whenComplete((v, e) -> {
      if (e != null) {
        log.warn("could not put " + number + " on the fallback list: " + e);
      }
    });
    log.info("softmodem fallback learned for " + number + ": " + verdict.reason());
    return number;
  }

  // ------------------------------------------------------------------ watchdog and kills

  /** One watchdog round over every call; run periodically. */
  public void watch() {
    Instant now = clock.instant();
    for (TrackedCall call : calls.all()) {
      WatchdogDecision decision = watchdog.decide(call.timeline(), now);
      switch (decision.action()) {
        case KILL -> kill(call, Termination.watchdog(decision.detail()), now);
        case GIVE_UP -> {
          log.warn("attempt " + call.command().attemptId() + ": " + decision.detail() + "; reporting it");
          finish(call, null);
        }
        default -> { }
      }
    }
  }

  /**
   * Kills an attempt's call on request ({@code call.kill}). Returns false if the call is not ours
   * (another gateway holds it) or already ending.
   */
  public boolean kill(UUID attemptId, String why) {
    return calls.byAttempt(attemptId).map(call -> kill(call, Termination.requested(why), clock.instant()))
        .orElse(false);
  }

  private boolean kill(TrackedCall call, Termination why, Instant now) {
    if (!call.markKilled(why, now)) {
      return false;
    }
    UUID id = call.command().attemptId();
    log.warn("attempt " + id + ": uuid_kill (" + why.detail() + ")");
    sendKill(id);
    return true;
  }

  private void sendKill(UUID id) {
    freeSwitch.kill(id).whenComplete((had, e) -> {
      if (e != null) {
        log.warn("uuid_kill " + id + " failed: " + e + "; retried after reconnecting");
      }
    });
  }

  // ------------------------------------------------------------------ connection

  /** The event connection is gone: stop taking commands. Calls stay tracked. */
  public void disconnected() {
    connectionEpoch.incrementAndGet(); // a reconciliation still running belongs to the old connection
    reconciled = false;
    intake.reevaluate();
  }

  /** Whether FreeSWITCH's event connection is up right now. */
  public boolean isConnected() {
    return freeSwitch.isReady();
  }

  /**
   * The event connection is (again) ready. Reconciles before taking commands again: calls we track
   * that FreeSWITCH no longer has ended while we could not see it (their events are lost); calls
   * FreeSWITCH has that we do not track are ours from before a restart (they carry
   * {@value OriginatePlanner#JOB_ID_VARIABLE}) and nobody follows them, so they are killed and
   * reported {@code CALL_DROPPED}: the queue then retries a call that is certainly down instead of
   * racing one that is still up. Blocks on FreeSWITCH's replies: call it off the ESL thread.
   *
   * @return whether the reconciliation completed; if not, the caller tries again while connected
   */
  public boolean connected() {
    long epoch = connectionEpoch.incrementAndGet();
    boolean done = false;
    try {
      reconcileTrackedCalls(epoch);
      reconcileOrphans();
      done = true;
    } catch (FreeSwitchUnavailable e) {
      log.warn("reconciliation failed (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      log.error("reconciliation failed", e);
    }
    // Only if the connection did not drop meanwhile: the next connect reconciles on its own.
    if (done && connectionEpoch.get() == epoch) {
      reconciled = true;
      log.info("reconciled with FreeSWITCH; " + callsInFlight() + " call(s) in flight");
    }
    intake.reevaluate();
    return done;
  }

  private void reconcileTrackedCalls(long epoch) {
    for (TrackedCall call : calls.all()) {
      if (call.connectionEpoch() >= epoch) {
        continue; // originated on this connection: its events are flowing
      }
      UUID id = call.command().attemptId();
      if (!await(freeSwitch.exists(id))) {
        finish(call, Termination.lost("FreeSWITCH no longer had the call when the connection came back"));
      } else if (call.killPending()) {
        sendKill(id);
      }
    }
  }

  private void reconcileOrphans() {
    Set<UUID> seen = new HashSet<>();
    for (UUID channel : await(freeSwitch.outboundChannels())) {
      if (!seen.add(channel) || calls.tracks(channel)) {
        continue;
      }
      if (calls.knows(channel)) {
        // Reported already (the watchdog gave up while FreeSWITCH was unreachable): end it, say nothing.
        log.warn("FreeSWITCH still has call " + channel + " of an attempt already reported; killing it");
        await(freeSwitch.kill(channel));
        continue;
      }
      String jobId = await(freeSwitch.variable(channel, OriginatePlanner.JOB_ID_VARIABLE));
      UUID job = ChannelEvent.parseUuid(jobId);
      if (job == null) {
        continue; // not a fax of ours (another application's call on this node)
      }
      String gateway = await(freeSwitch.variable(channel, "sip_gateway_name"));
      log.warn("FreeSWITCH still has call " + channel + " (job " + job + ") that nobody follows; killing it");
      await(freeSwitch.kill(channel));
      calls.finishedElsewhere(channel);
      String why = "esl-gateway lost the call (restart); killed during reconciliation";
      events.finished(new AttemptFinished(channel, job, gateway, AttemptEnd.CALL_DROPPED,
          FaxResult.notStarted(HangupCause.MANAGER_REQUEST, why), null, null, why), null);
    }
  }

  // ------------------------------------------------------------------ helpers

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FreeSwitchUnavailable("interrupted", e);
    } catch (ExecutionException e) {
      throw new FreeSwitchUnavailable(String.valueOf(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new FreeSwitchUnavailable("no reply within " + settings.commandTimeout(), e);
    }
  }

  private static String join(String a, String b) {
    return a == null ? b : a + "; " + b;
  }

  /** FreeSWITCH did not answer a command in time or the connection is down. */
  static final class FreeSwitchUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FreeSwitchUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
