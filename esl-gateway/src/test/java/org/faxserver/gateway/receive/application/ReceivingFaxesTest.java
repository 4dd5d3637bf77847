package org.faxserver.gateway.receive.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.faxserver.gateway.receive.model.IncomingCallReader;
import org.faxserver.gateway.receive.model.ReceivePlanner;
import org.faxserver.gateway.receive.model.ReceiveSettings;
import org.faxserver.gateway.receive.model.RouterFallback;
import org.faxserver.gateway.send.model.ChannelEvent;
import org.faxserver.gateway.send.model.SoftmodemFallbackRule;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiving use case with fakes around it: who is asked, what runs, what is reported, once. */
class ReceivingFaxesTest {

  private static final UUID CALL = UUID.fromString("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
  private static final PhoneNumber DID = PhoneNumber.ofE164("+15550001001");

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<InboundReceived> reports = new CopyOnWriteArrayList<>();
  private final List<PhoneNumber> learned = new CopyOnWriteArrayList<>();
  private final List<String> written = new CopyOnWriteArrayList<>();
  private final CompletableFuture<InboundRouteDecision> routerAnswer = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicInteger asks = new java.util.concurrent.atomic.AtomicInteger();

  private final InboundFacts facts = new InboundFacts() {
    @Override
    public void received(InboundReceived received) {
      reports.add(received);
    }

    @Override
    public void fallbackLearned(PhoneNumber number, long unixTime) {
      learned.add(number);
    }
  };

  private final ReceivedDocuments documents = new ReceivedDocuments() {
    @Override
    public Target allocate(String tenantId, UUID callId) {
      return new Target(DocumentRef.tiff(tenantId + "/inbound/" + callId + ".tif"), "/fs/" + callId + ".tif");
    }

    @Override
    public boolean written(DocumentRef document) {
      return written.contains(document.key());
    }
  };

  private final FallbackList fallbackList = new FallbackList() {
    @Override
    public CompletableFuture<Boolean> listed(PhoneNumber number) {
      return CompletableFuture.completedFuture(false);
    }

    @Override
    public CompletableFuture<Void> learn(PhoneNumber number, long unixTime) {
      return CompletableFuture.completedFuture(null);
    }
  };

  private final RouterFallback routerFallback = new RouterFallback(Duration.ofHours(1), 10, Clock.systemUTC());

  private final List<UUID> kills = new CopyOnWriteArrayList<>();

  private final ReceivingFaxes receiving = receiving(new ReceivingFaxes.Settings(Duration.ofMillis(200),
      Duration.ofMinutes(5)), callId -> {
        kills.add(callId);
        return CompletableFuture.completedFuture(true);
      });

  private ReceivingFaxes receiving(ReceivingFaxes.Settings settings, CallKiller killer) {
    return new ReceivingFaxes(new IncomingCallReader(false, "US"),
        request -> {
          asks.incrementAndGet();
          return routerAnswer;
        }, routerFallback,
        new ReceivePlanner(new ReceiveSettings(Duration.ZERO, Duration.ZERO, "")), documents, fallbackList,
        killer, facts, new SoftmodemFallbackRule(true), Clock.systemUTC(), timer, settings);
  }

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  /** A call socket whose applications complete at once; events are pushed by the test. */
  static class FakeChannel implements CallChannel {
    final Map<String, String> data = new HashMap<>();
    final List<String> executed = new CopyOnWriteArrayList<>();
    final CompletableFuture<Boolean> ended = new CompletableFuture<>();
    volatile Consumer<ChannelEvent> listener;
    volatile int closed;

    FakeChannel(String toUser, String caller, String ip) {
      data.put("unique-id", CALL.toString());
      data.put("variable_sip_to_user", toUser);
      data.put("caller-caller-id-number", caller);
      data.put("variable_sip_network_ip", ip);
    }

    @Override
    public ChannelEvent channelData() {
      return name -> data.get(name.toLowerCase());
    }

    @Override
    public CompletableFuture<Void> follow(Consumer<ChannelEvent> l) {
      listener = l;
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> execute(String app, String arg, boolean eventLock) {
      executed.add(app + " " + arg);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> ended() {
      return ended;
    }

    @Override
    public void close() {
      closed++;
    }

    void event(String... pairs) {
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < pairs.length; i += 2) {
        m.put(pairs[i].toLowerCase(), pairs[i + 1]);
      }
      listener.accept(name -> m.get(name.toLowerCase()));
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void acceptedCallIsReceivedAndReportedExactlyOnce() throws Exception {
    FakeChannel call = new FakeChannel("5550001001", "+442079460958", "203.0.113.9");
    receiving.onCall(call);
    routerAnswer.complete(InboundRouteDecision.accept(CALL, "t7", DID, T38Policy.ACCEPT, "ACME"));

    await(() -> call.executed.contains("hangup "));
    assertThat(call.executed).contains("answer ", "rxfax /fs/" + CALL + ".tif");
    written.add("t7/inbound/" + CALL + ".tif");
    call.event("Event-Name", "CHANNEL_ANSWER");
    call.event("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::rxfaxresult", "fax-success", "1",
        "fax-result-code", "0", "fax-result-text", "OK", "fax-document-transferred-pages", "2",
        "fax-remote-station-id", "REMOTE");
    call.event("Event-Name", "CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING");
    call.event("Event-Name", "CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING");
    call.ended.complete(false);

    await(() -> reports.size() == 1);
    InboundReceived r = reports.get(0);
    assertThat(r.result().success()).isTrue();
    assertThat(r.result().pagesTransferred()).isEqualTo(2);
    assertThat(r.result().remoteStationId()).isEqualTo("REMOTE");
    assertThat(r.document().key()).isEqualTo("t7/inbound/" + CALL + ".tif");
    assertThat(r.tenantId()).isEqualTo("t7");
    Thread.sleep(300);
    assertThat(reports).hasSize(1);
    assertThat(call.closed).isEqualTo(1);
    assertThat(receiving.callsInFlight()).isZero();
  }

  @Test
  void successWithoutAFileIsReportedAsAFailureNeverAsADocumentlessSuccess() throws Exception {
    FakeChannel call = new FakeChannel("5550001001", "+442079460958", "203.0.113.9");
    receiving.onCall(call);
    routerAnswer.complete(InboundRouteDecision.accept(CALL, "t7", DID, T38Policy.ACCEPT, null));
    await(() -> call.executed.contains("hangup "));
    call.event("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::rxfaxresult", "fax-success", "1",
        "fax-result-code", "0", "fax-document-transferred-pages", "1");
    call.event("Event-Name", "CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING");

    await(() -> reports.size() == 1);
    assertThat(reports.get(0).result().success()).isFalse();
    assertThat(reports.get(0).document()).isNull();
  }

  @Test
  void silentRouterAndUnknownNumberMeans503AndNoReport() throws Exception {
    FakeChannel call = new FakeChannel("5550001001", "+442079460958", "203.0.113.9");
    receiving.onCall(call);
    routerAnswer.completeExceptionally(new TimeoutException("no reply"));

    await(() -> call.executed.contains("respond 503"));
    assertThat(call.executed).doesNotContain("answer ");
    await(() -> call.closed == 1);
    assertThat(reports).isEmpty();
  }

  @Test
  void failedReceptionWithBadRowsLearnsTheCaller() throws Exception {
    FakeChannel call = new FakeChannel("5550001001", "+442079460958", "203.0.113.9");
    receiving.onCall(call);
    routerAnswer.complete(InboundRouteDecision.accept(CALL, "t7", DID, T38Policy.ACCEPT, null));
    await(() -> call.executed.contains("hangup "));
    call.event("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::rxfaxpageresult",
        "fax-document-transferred-pages", "1", "fax-bad-rows", "40");
    call.event("Event-Name", "CUSTOM", "Event-Subclass", "spandsp::rxfaxresult", "fax-success", "0",
        "fax-result-code", "49", "fax-result-text", "The call dropped prematurely");
    call.ended.complete(true); // lingering: judged after the grace without HANGUP_COMPLETE

    await(() -> reports.size() == 1);
    assertThat(reports.get(0).result().success()).isFalse();
    assertThat(reports.get(0).result().badRows()).isEqualTo(40);
    await(() -> learned.contains(PhoneNumber.ofE164("+442079460958")));
  }

  /** rxfax is event-locked: an {@code execute hangup} on the socket would queue behind it. */
  @Test
  void maxCallWatchdogKillsTheCallWithUuidKillNotAHangupOnTheSocket() throws Exception {
    ReceivingFaxes shortCalls = receiving(new ReceivingFaxes.Settings(Duration.ofMillis(300),
        Duration.ofMillis(400)), callId -> {
          kills.add(callId);
          return CompletableFuture.completedFuture(true);
        });
    FakeChannel call = new FakeChannel("5550001001", "+442079460958", "203.0.113.9");
    shortCalls.onCall(call);
    routerAnswer.complete(InboundRouteDecision.accept(CALL, "t7", DID, T38Policy.ACCEPT, null));
    await(() -> call.executed.contains("hangup ")); // the plan's last step, queued behind rxfax in reality
    int executedBefore = call.executed.size();

    await(() -> kills.contains(CALL));
    assertThat(kills).containsExactly(CALL);
    assertThat(call.closed).isZero(); // the kill worked: the socket stays for the late events
    await(() -> reports.size() == 1); // no HANGUP_COMPLETE came: judged after linger-grace
    assertThat(reports.get(0).result().success()).isFalse();
    assertThat(call.executed).hasSize(executedBefore); // nothing more sent on the call socket
    assertThat(call.closed).isEqualTo(1);
    assertThat(shortCalls.callsInFlight()).isZero();
  }

  @Test
  void maxCallWatchdogClosesTheSocketWhenUuidKillFails() throws Exception {
    ReceivingFaxes shortCalls = receiving(new ReceivingFaxes.Settings(Duration.ofSeconds(30),
        Duration.ofMillis(300)), callId -> {
          kills.add(callId);
          return CompletableFuture.failedFuture(new TimeoutException("no reply to uuid_kill"));
        });
    FakeChannel call = new FakeChannel("5550001001", "+442079460958", "203.0.113.9") {
      @Override
      public void close() {
        super.close();
        ended.complete(false); // as the real session: closing ends it
      }
    };
    shortCalls.onCall(call);
    routerAnswer.complete(InboundRouteDecision.accept(CALL, "t7", DID, T38Policy.ACCEPT, null));

    await(() -> kills.contains(CALL));
    await(() -> reports.size() == 1); // long before the 30 s grace: the socket was closed
    assertThat(call.closed).isGreaterThanOrEqualTo(1);
    assertThat(shortCalls.callsInFlight()).isZero();
  }

  @Test
  void unreadableRecipientIs404WithoutAsking() throws Exception {
    FakeChannel call = new FakeChannel("office", null, "203.0.113.9");
    receiving.onCall(call);

    await(() -> call.executed.contains("respond 404"));
    assertThat(asks.get()).isZero();
  }
}
