package org.faxserver.gateway.receive.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxserver.gateway.receive.model.IncomingCall;
import org.faxserver.gateway.receive.model.IncomingCallReader;
import org.faxserver.gateway.receive.model.ReceivePlanner;
import org.faxserver.gateway.receive.model.ReceiveStep;
import org.faxserver.gateway.receive.model.RouterFallback;
import org.faxserver.gateway.send.model.ChannelEvent;
import org.faxserver.gateway.send.model.FaxResultFold;
import org.faxserver.gateway.send.model.SoftmodemFallbackRule;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: an incoming call on the outbound socket. Follows the call's events, asks the router
 * (falling back to {@link RouterFallback} when it does not answer in time), rejects with a SIP code
 * or answers and runs rxfax, judges the fax by the spandsp events as the sending side does
 * ({@link FaxResultFold}), publishes exactly one {@code inbound.received} per accepted call and learns
 * the softmodem fallback from failed receptions (keyed by the caller, as gofaxip did).
 *
 * <p>Nothing blocks: every step continues from a future. Per call, event callbacks are serial; the
 * router's answer and the timers come from other threads, so a call's state is guarded by its lock.
 */
public final class ReceivingFaxes {

  private static final Logger log = LoggerFactory.getLogger(ReceivingFaxes.class);

  /** SIP "Not Found": the recipient could not be read as a number. */
  static final int NOT_FOUND = 404;

  /**
   * @param lingerGrace how long to wait for CHANNEL_HANGUP_COMPLETE (and late spandsp events) after
   *                    the hangup notice before judging the call anyway
   * @param maxCall     longest a call may last from connect; then it is hung up and judged
   */
  public record Settings(Duration lingerGrace, Duration maxCall) {
    public Settings {
      Objects.requireNonNull(lingerGrace, "lingerGrace");
      Objects.requireNonNull(maxCall, "maxCall");
    }
  }

  private final IncomingCallReader reader;
  private final InboundRouter router;
  private final RouterFallback routerFallback;
  private final ReceivePlanner planner;
  private final ReceivedDocuments documents;
  private final FallbackList fallbackList;
  private final CallKiller killer;
  private final InboundFacts facts;
  private final SoftmodemFallbackRule fallbackRule;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Settings settings;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  public ReceivingFaxes(IncomingCallReader reader, InboundRouter router, RouterFallback routerFallback,
      ReceivePlanner planner, ReceivedDocuments documents, FallbackList fallbackList, CallKiller killer,
      InboundFacts facts, SoftmodemFallbackRule fallbackRule, Clock clock, ScheduledExecutorService timer,
      Settings settings) {
    this.reader = Objects.requireNonNull(reader);
    this.router = Objects.requireNonNull(router);
    this.routerFallback = Objects.requireNonNull(routerFallback);
    this.planner = Objects.requireNonNull(planner);
    this.documents = Objects.requireNonNull(documents);
    this.fallbackList = Objects.requireNonNull(fallbackList);
    this.killer = Objects.requireNonNull(killer);
    this.facts = Objects.requireNonNull(facts);
    this.fallbackRule = Objects.requireNonNull(fallbackRule);
    this.clock = Objects.requireNonNull(clock);
    this.timer = Objects.requireNonNull(timer);
    this.settings = Objects.requireNonNull(settings);
  }

  /** Takes over one call; returns at once. */
  public void onCall(CallChannel channel) {
    Optional<IncomingCall> call = reader.read(channel.channelData());
    if (call.isEmpty()) {
      log.warn("Outbound-socket session without a usable Unique-ID; closing");
      channel.close();
      return;
    }
    new Reception(channel, call.get()).start();
  }

  /**
   * Shutdown: from now on new calls are answered {@code respond 503} (the sender retries, elsewhere or
   * later) while the calls in flight finish.
   */
  public void stopTakingCalls() {
    draining = true;
  }

  /** Start (again): new calls are taken; undoes {@link #stopTakingCalls()} after a lifecycle restart. */
  public void takeCalls() {
    draining = false;
  }

  /** Calls between connect and their report. */
  public int callsInFlight() {
    return inFlight.get();
  }

  /** One call from connect to report. */
  private final class Reception {
    private final CallChannel channel;
    private final IncomingCall call;
    private final FaxResultFold fold = FaxResultFold.receiving();
    private final AtomicBoolean finished = new AtomicBoolean();
    private InboundRouteDecision accepted; // guarded by this
    private ReceivedDocuments.Target target; // guarded by this

    private volatile java.util.concurrent.ScheduledFuture<?> maxCallTimer;

    Reception(CallChannel channel, IncomingCall call) {
      this.channel = channel;
      this.call = call;
    }

    void start() {
      inFlight.incrementAndGet();
      maxCallTimer = timer.schedule(this::tooLong, settings.maxCall().toMillis(), TimeUnit.MILLISECONDS);
      channel.ended().thenAccept(this::ended);
      channel.follow(this::onEvent).whenComplete((ok, error) -> {
        if (error != null) {
          log.warn("Call {}: cannot follow its events ({}); closing", call.callId(), error.toString());
          finishWithoutReport();
          return;
        }
        route();
      });
    }

    private void route() {
      if (draining) {
        reject(InboundRouteDecision.reject(call.callId(), RouterFallback.UNAVAILABLE, "gateway shutting down"));
        return;
      }
      if (call.recipient() == null) {
        reject(InboundRouteDecision.reject(call.callId(), NOT_FOUND,
            "recipient '" + call.recipientText() + "' is not a phone number"));
        return;
      }
      InboundRouteRequest request = call.toRequest();
      CompletableFuture<InboundRouteDecision> answer;
      try {
        answer = router.ask(request);
      } catch (RuntimeException e) {
        // The broker refused the request at once (e.g. unreachable): decide as if the router were silent.
        answer = CompletableFuture.failedFuture(e);
      }
      answer.handle((decision, error) -> {
        if (error != null || decision == null) {
          InboundRouteDecision fallback = routerFallback.decide(request);
          log.warn("Call {}: router did not answer route.inbound ({}); fallback decision: {}", call.callId(),
              error == null ? "no decision" : error.toString(), describe(fallback));
          return fallback;
        }
        routerFallback.remember(request, decision);
        return decision;
      }).thenAccept(this::act).exceptionally(e -> {
        log.error("Call {}: handling failed; closing", call.callId(), e);
        finishWithoutReport();
        return null;
      });
    }

    private void act(InboundRouteDecision decision) {
      if (decision.isRejected()) {
        reject(decision);
      } else {
        accept(decision);
      }
    }

    private void reject(InboundRouteDecision decision) {
      log.info("Call {} from {} ({}, {}) to {} rejected: respond {} ({})", call.callId(), call.caller(),
          call.sourceIp(), call.sourceGateway(), call.recipientText(), decision.sipCode(), decision.reason());
      channel.execute("respond", Integer.toString(decision.sipCode()), false)
          .whenComplete((ok, error) -> finishWithoutReport());
    }

    private void accept(InboundRouteDecision decision) {
      ReceivedDocuments.Target file;
      try {
        file = documents.allocate(decision.tenantId(), call.callId());
      } catch (RuntimeException e) {
        // Nothing received yet: a temporary failure lets the sender try again, nothing is lost.
        log.error("Call {}: no place to store the fax ({}); respond 503", call.callId(), e.toString());
        reject(InboundRouteDecision.reject(call.callId(), RouterFallback.UNAVAILABLE, "document store failed"));
        return;
      }
      synchronized (this) {
        accepted = decision;
        target = file;
      }
      listed(call.caller()).thenCombine(listed(decision.recipient()), Boolean::logicalOr)
          .thenAccept(onFallbackList -> {
            List<ReceiveStep> steps = planner.steps(decision, onFallbackList, file.freeswitchPath());
            log.info("Call {} from {} ({}) to {} accepted for tenant {}{}: receiving into {} (T.38 {}{})",
                call.callId(), call.caller(), call.sourceIp(), decision.recipient(), decision.tenantId(),
                decision.relayOut() ? " (relay out)" : "", file.document().key(), decision.t38(),
                onFallbackList ? ", off: softmodem fallback list" : "");
            for (ReceiveStep step : steps) {
              channel.execute(step.app(), step.arg(), step.eventLock()).whenComplete((ok, error) -> {
                if (error != null) {
                  log.debug("Call {}: {} did not complete: {}", call.callId(), step.app(), error.toString());
                }
              });
            }
          }).exceptionally(e -> {
            log.error("Call {}: could not start receiving; hanging up", call.callId(), e);
            channel.execute("hangup", "", false);
            return null;
          });
    }

    private CompletableFuture<Boolean> listed(PhoneNumber number) {
      if (number == null) {
        return CompletableFuture.completedFuture(false);
      }
      return fallbackList.listed(number).exceptionally(e -> false);
    }

    private void onEvent(ChannelEvent event) {
      boolean over;
      synchronized (this) {
        fold.apply(event, clock.instant());
        over = fold.isCallOver();
      }
      if (over) {
        finish("hung up");
      }
    }

    private void ended(boolean lingering) {
      if (!lingering) {
        finish("socket closed");
        return;
      }
      timer.schedule(() -> finish("no HANGUP_COMPLETE within " + settings.lingerGrace()),
          settings.lingerGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The maximum-duration watchdog. {@code execute hangup} on the call socket would wait behind the
     * event-locked rxfax, so the call is killed from outside ({@code uuid_kill}); if that fails, closing
     * the call socket is the last resort (FreeSWITCH hangs up a call whose socket application ends).
     * The call is judged {@code linger-grace} later at the latest.
     */
    private void tooLong() {
      if (finished.get()) {
        return;
      }
      log.warn("Call {} still up after {}; uuid_kill", call.callId(), settings.maxCall());
      CompletableFuture<Boolean> kill;
      try {
        kill = killer.kill(call.callId());
      } catch (RuntimeException e) {
        kill = CompletableFuture.failedFuture(e);
      }
      kill.whenComplete((killed, error) -> {
        if (error == null && Boolean.TRUE.equals(killed)) {
          return;
        }
        if (!finished.get()) {
          log.warn("Call {}: uuid_kill failed ({}); closing the call socket", call.callId(),
              error != null ? error.toString() : "FreeSWITCH does not have the channel");
          channel.close();
        }
      });
      timer.schedule(() -> finish("call exceeded " + settings.maxCall()), settings.lingerGrace().toMillis(),
          TimeUnit.MILLISECONDS);
    }

    private void cancelMaxCallTimer() {
      java.util.concurrent.ScheduledFuture<?> t = maxCallTimer;
      if (t != null) {
        t.cancel(false);
      }
    }

    private void finishWithoutReport() {
      if (finished.compareAndSet(false, true)) {
        cancelMaxCallTimer();
        inFlight.decrementAndGet();
        channel.close();
      }
    }

    /** Judges the call and reports it; once. */
    private void finish(String why) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      cancelMaxCallTimer();
      try {
        InboundRouteDecision decision;
        ReceivedDocuments.Target file;
        FaxResult result;
        Instant answeredAt;
        synchronized (this) {
          decision = accepted;
          file = target;
          result = fold.result();
          answeredAt = fold.answeredAt();
        }
        if (decision == null) {
          return; // rejected, or over before an answer: nothing was received
        }
        DocumentRef document = documents.written(file.document()) ? file.document() : null;
        if (result.success() && document == null) {
          log.error("Call {}: rxfax reported success but {} is missing", call.callId(), file.document().key());
          result = failed(result, "rxfax reported success but wrote no file");
        }
        InboundReceived received = new InboundReceived(call.callId(), decision.tenantId(), call.caller(),
            decision.recipient(), call.sourceGateway(), document, result,
            answeredAt != null ? answeredAt : clock.instant());
        log.info("Call {} over ({}): {} {} page(s), code {} '{}', remote '{}'", call.callId(), why,
            result.success() ? "received" : "failed,", result.pagesTransferred(), result.resultCode(),
            result.resultText(), result.remoteStationId());
        facts.received(received);
        learnFallback(result);
      } finally {
        inFlight.decrementAndGet();
        channel.close();
      }
    }

    private void learnFallback(FaxResult result) {
      SoftmodemFallbackRule.Verdict verdict = fallbackRule.judge(result);
      if (!verdict.learn()) {
        return;
      }
      if (call.caller() == null) {
        log.info("Call {}: {}, but there is no caller number to put on the fallback list", call.callId(),
            verdict.reason());
        return;
      }
      long now = clock.instant().getEpochSecond();
      log.info("Call {}: {}; {} goes on the softmodem fallback list", call.callId(), verdict.reason(), call.caller());
      fallbackList.learn(call.caller(), now).whenComplete((ok, error) -> {
        if (error != null) {
          log.warn("Call {}: mod_db fallback insert failed: {}", call.callId(), error.toString());
        }
      });
      facts.fallbackLearned(call.caller(), now);
    }
  }

  private static FaxResult failed(FaxResult r, String text) {
    return new FaxResult(false, r.resultCode(), text, r.pagesTransferred(), r.pagesTotal(), r.hangupCause(),
        r.remoteStationId(), r.localStationId(), r.transferRate(), r.ecmUsed(), r.t38Status(), r.badRows(),
        r.negotiationCount(), r.pages());
  }

  private static String describe(InboundRouteDecision d) {
    return d.accepted() ? "accept for tenant " + d.tenantId() : "respond " + d.sipCode() + " (" + d.reason() + ")";
  }
}
