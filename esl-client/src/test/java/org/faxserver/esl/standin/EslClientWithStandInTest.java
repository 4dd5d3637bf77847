package org.faxserver.esl.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.ConnectionState;
import org.faxserver.esl.EslConnectionListener;
import org.faxserver.esl.EslEvent;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.esl.EslOutboundServer;
import org.faxserver.esl.InboundClientConfig;
import org.faxserver.esl.OutboundServerConfig;
import org.faxserver.esl.OutboundSession;
import org.faxserver.esl.SessionEnd;
import org.faxserver.testkit.freeswitch.CallRecord;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.InboundCallSpec;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library against the FreeSWITCH stand-in (exact ESL bytes, real spandsp T.30): sending through
 * the inbound client, surviving a dropped connection, and receiving through the outbound-socket server.
 */
class EslClientWithStandInTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
  private final BlockingQueue<EslEvent> events = new LinkedBlockingQueue<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : List.copyOf(resources)) {
      resource.close();
    }
  }

  @Test
  void inboundClientSendsAThreePageFaxThroughTheRealT30Engine() throws Exception {
    FreeSwitchStandIn standIn = start(StandInConfig.defaults().withWorkDir(dir));
    EslInboundClient client = connect(standIn.port(), EslConnectionListener.NONE);
    client.subscribe(List.of("CHANNEL_HANGUP_COMPLETE"), List.of("spandsp::txfaxresult")).get(5, TimeUnit.SECONDS);

    String uuid = UUID.randomUUID().toString();
    Path document = TestFaxDocuments.create(dir.resolve("out.tif"), 3);
    String jobReply = client.bgapi("originate {origination_uuid=" + uuid + ",fax_use_ecm=true}"
        + "sofia/gateway/gw1/15550001 &txfax(" + document + ")").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(jobReply).startsWith("+OK " + uuid);
    EslEvent result = awaitEvent(uuid, "CUSTOM", "spandsp::txfaxresult");
    assertThat(result.header("fax-success")).isEqualTo("1");
    assertThat(result.header("fax-document-transferred-pages")).isEqualTo("3");
    assertThat(awaitEvent(uuid, "CHANNEL_HANGUP_COMPLETE", null).header("Hangup-Cause")).isEqualTo("NORMAL_CLEARING");
    assertThat(TestFaxDocuments.pageCount(standIn.receivedTiff(uuid))).isEqualTo(3);
  }

  @Test
  void reconnectsAfterTheStandInDropsTheConnectionAndRestoresSubscriptionsAndFilters() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    StandInConfig config = StandInConfig.defaults().withPort(port).withWorkDir(dir);
    FreeSwitchStandIn first = start(config);
    BlockingQueue<String> connections = new LinkedBlockingQueue<>();
    EslInboundClient client = connect(port, new EslConnectionListener() {
      @Override
      public void onConnected() {
        connections.add("up");
      }

      @Override
      public void onDisconnected(Throwable cause) {
        connections.add("down");
      }
    });
    assertThat(connections.poll(5, TimeUnit.SECONDS)).isEqualTo("up");
    String wanted = UUID.randomUUID().toString();
    client.subscribe(List.of("CHANNEL_HANGUP_COMPLETE"), List.of()).get(5, TimeUnit.SECONDS);
    client.addFilter("Unique-ID", wanted).get(5, TimeUnit.SECONDS);

    first.close();
    assertThat(connections.poll(10, TimeUnit.SECONDS)).isEqualTo("down");
    FreeSwitchStandIn second = start(config);
    assertThat(connections.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("up");
    assertThat(client.state()).isEqualTo(ConnectionState.READY);

    // The new FreeSWITCH knows nothing of our subscriptions: only the client's restore makes these arrive.
    String other = UUID.randomUUID().toString();
    Path document = TestFaxDocuments.create(dir.resolve("doc.tif"), 1);
    String otherJob = client.bgapi(originate(other, document)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(otherJob).startsWith("+OK"); // BACKGROUND_JOB still arrives despite the filter
    second.call(other).awaitHangup(WAIT);
    String wantedJob = client.bgapi(originate(wanted, document)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(wantedJob).startsWith("+OK");
    assertThat(awaitEvent(wanted, "CHANNEL_HANGUP_COMPLETE", null)).isNotNull();
    // Events of one connection arrive in order: had the filter been lost, the other call's would be here.
    assertThat(events).noneMatch(event -> other.equals(event.uniqueId()));
  }

  @Test
  void outboundServerAnswersAndReceivesAThreePageFax() throws Exception {
    Path received = dir.resolve("received.tif");
    CompletableFuture<SessionEnd> ended = new CompletableFuture<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    EslOutboundServer server = EslOutboundServer.builder(OutboundServerConfig.defaults("127.0.0.1", 0),
        session -> receive(session, received, seen, ended)).build();
    resources.add(server);
    InetSocketAddress address = server.start();
    FreeSwitchStandIn standIn = start(StandInConfig.defaults().withWorkDir(dir).withOutboundSocket(address));

    CallRecord call = standIn.dialInbound(InboundCallSpec.from("15550199").to("15551230000")
        .document(TestFaxDocuments.create(dir.resolve("remote.tif"), 3)));

    SessionEnd end = ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(end.reason()).isEqualTo(SessionEnd.Reason.HANGUP_LINGER);
    assertThat(end.hangupCause()).isEqualTo("NORMAL_CLEARING");
    assertThat(seen).contains("CHANNEL_ANSWER", "spandsp::rxfaxnegociateresult", "spandsp::rxfaxresult",
        "CHANNEL_EXECUTE_COMPLETE");
    assertThat(TestFaxDocuments.pageCount(received)).isEqualTo(3);
    assertThat(call.awaitHangup(WAIT)).isEqualTo("NORMAL_CLEARING");
  }

  private static void receive(OutboundSession session, Path file, List<String> seen,
      CompletableFuture<SessionEnd> ended) {
    session.eventListener(event -> seen.add(event.is("CUSTOM") ? event.subclass() : event.eventName()));
    session.ended().whenComplete((end, error) -> {
      if (error != null) {
        ended.completeExceptionally(error);
      } else {
        ended.complete(end);
      }
    });
    session.myevents()
        .thenCompose(ok -> session.linger(10))
        .thenCompose(ok -> session.subscribe(Set.of(),
            List.of("spandsp::rxfaxnegociateresult", "spandsp::rxfaxpageresult", "spandsp::rxfaxresult")))
        .thenCompose(ok -> session.execute("answer", null, true))
        .thenCompose(done -> session.execute("rxfax", file.toString(), true))
        .thenCompose(done -> session.execute("hangup", null, true))
        .exceptionally(error -> {
          ended.completeExceptionally(error);
          return null;
        });
  }

  private String originate(String uuid, Path document) {
    return "originate {origination_uuid=" + uuid + "}sofia/gateway/gw1/15550002 &txfax(" + document + ")";
  }

  private FreeSwitchStandIn start(StandInConfig config) {
    FreeSwitchStandIn standIn = FreeSwitchStandIn.start(config);
    resources.add(standIn);
    return standIn;
  }

  private EslInboundClient connect(int port, EslConnectionListener listener) throws Exception {
    EslInboundClient client = EslInboundClient.builder(
            InboundClientConfig.defaults("127.0.0.1", port, "ClueCon")
                .withReconnectDelays(Duration.ofMillis(100), Duration.ofMillis(500)))
        .eventListener(events::add)
        .connectionListener(listener)
        .build();
    resources.add(0, client);
    client.start().get(10, TimeUnit.SECONDS);
    return client;
  }

  private EslEvent awaitEvent(String uuid, String name, String subclass) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (EslEvent event : events) {
        if (uuid.equals(event.uniqueId()) && event.is(name)
            && (subclass == null || subclass.equals(event.subclass()))) {
          return event;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + name + " " + (subclass == null ? "" : subclass) + " for " + uuid
        + "; got " + events.stream().map(EslEvent::eventName).toList());
  }
}
