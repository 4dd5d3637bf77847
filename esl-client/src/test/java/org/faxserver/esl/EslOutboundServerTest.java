package org.faxserver.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.Captures.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fake FreeSWITCH dials our outbound server over loopback and replays the real
 * receive-outbound-socket capture, with the captured Event-UUIDs swapped for the ones our session
 * generated (same length, so every Content-Length stays right).
 */
class EslOutboundServerTest {

  private static final String CAPTURED_ANSWER_UUID = "4e351a06-c363-4523-9c60-6c0326c799bd";
  private static final String CAPTURED_RXFAX_UUID = "467eb760-6045-46e4-b4f9-0b14527b3b95";
  private static final String CHANNEL_UUID = "ef53819f-f2b6-4ea8-89c6-752ae658a7dd";

  private final LinkedBlockingQueue<OutboundSession> sessions = new LinkedBlockingQueue<>();
  private EslOutboundServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress startServer(OutboundSessionHandler handler) throws InterruptedException {
    server = EslOutboundServer.builder(OutboundServerConfig.defaults("127.0.0.1", 0)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withIoThreads(1), handler).build();
    return server.start();
  }

  @Test
  void receivesAFaxAnswersRunsRxfaxWithEventLockAndClosesAfterTheLingerNotice() throws Exception {
    List<EslEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<EslEvent> answered = new CompletableFuture<>();
    CompletableFuture<EslEvent> received = new CompletableFuture<>();
    CompletableFuture<SessionEnd> ended = new CompletableFuture<>();
    InetSocketAddress addr = startServer(session -> {
      sessions.add(session);
      session.eventListener(events::add);
      session.myevents();
      session.linger(10);
      session.subscribe(List.of(), List.of("spandsp::rxfaxresult", "spandsp::rxfaxpageresult",
          "spandsp::rxfaxnegociateresult"));
      session.execute("answer", null, true).whenComplete(complete(answered));
      session.execute("rxfax", "/var/spool/fax/in/" + session.uniqueId() + ".tif", true)
          .whenComplete(complete(received));
      session.ended().thenAccept(end -> {
        ended.complete(end);
        session.close();
      });
    });
    List<Block> s = Captures.serverBlocks("receive-outbound-socket");

    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      assertThat(fs.readCommand()).isEqualTo("connect\n\n");
      fs.send(s.get(0).bytes()); // CHANNEL_DATA connect reply
      assertThat(fs.readCommand()).isEqualTo("myevents\n\n");
      fs.send(s.get(1).bytes());
      assertThat(fs.readCommand()).isEqualTo("linger 10\n\n");
      fs.send(s.get(2).bytes());
      assertThat(fs.readCommand()).isEqualTo("event plain CUSTOM spandsp::rxfaxresult spandsp::rxfaxpageresult "
          + "spandsp::rxfaxnegociateresult\n\n");
      fs.send(s.get(3).bytes());
      String answer = fs.readCommand();
      assertThat(EslTestPeer.header(answer, "execute-app-name")).isEqualTo("answer");
      assertThat(EslTestPeer.header(answer, "event-lock")).isEqualTo("true");
      fs.reply("+OK");
      String rxfax = fs.readCommand();
      assertThat(EslTestPeer.header(rxfax, "execute-app-name")).isEqualTo("rxfax");
      assertThat(EslTestPeer.header(rxfax, "execute-app-arg")).isEqualTo("/var/spool/fax/in/" + CHANNEL_UUID + ".tif");
      assertThat(EslTestPeer.header(rxfax, "event-lock")).isEqualTo("true");
      fs.reply("+OK");

      OutboundSession session = sessions.poll(5, TimeUnit.SECONDS);
      assertThat(session.uniqueId()).isEqualTo(CHANNEL_UUID);
      assertThat(session.channelHeader("Caller-Destination-Number")).isEqualTo("8084");
      assertThat(server.activeSessions()).isEqualTo(1);

      String answerUuid = EslTestPeer.header(answer, "Event-UUID");
      String rxfaxUuid = EslTestPeer.header(rxfax, "Event-UUID");
      // Every event of the call up to and including the linger notice, as FreeSWITCH sent them.
      for (Block b : s.subList(8, 28)) {
        fs.send(b.text().replace(CAPTURED_ANSWER_UUID, answerUuid).replace(CAPTURED_RXFAX_UUID, rxfaxUuid)
            .getBytes(StandardCharsets.UTF_8));
      }

      EslEvent answerDone = answered.get(5, TimeUnit.SECONDS);
      assertThat(answerDone.header("Application")).isEqualTo("answer");
      EslEvent rxfaxDone = received.get(5, TimeUnit.SECONDS);
      assertThat(rxfaxDone.eventName()).isEqualTo("CHANNEL_EXECUTE_COMPLETE");
      assertThat(rxfaxDone.header("Application")).isEqualTo("rxfax");
      assertThat(rxfaxDone.header("variable_fax_success")).isEqualTo("1");

      SessionEnd end = ended.get(5, TimeUnit.SECONDS);
      assertThat(end.reason()).isEqualTo(SessionEnd.Reason.HANGUP_LINGER);
      assertThat(end.hangupCause()).isEqualTo("NORMAL_CLEARING");
      assertThat(end.notice().header("Linger-Time")).isEqualTo("10");

      // The session's clean close: exit, FreeSWITCH says bye and hangs up the socket.
      assertThat(fs.readCommand()).isEqualTo("exit\n\n");
      fs.reply("+OK bye");
      fs.send(s.get(28).bytes());
      fs.close();
      session.closed().get(5, TimeUnit.SECONDS);
      assertThat(session.isOpen()).isFalse();
    }

    assertThat(events).extracting(e -> e.subclass() == null ? e.eventName() : e.subclass())
        .containsSubsequence("CHANNEL_EXECUTE", "spandsp::rxfaxnegociateresult", "spandsp::rxfaxpageresult",
            "spandsp::rxfaxpageresult", "spandsp::rxfaxresult", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP",
            "CHANNEL_HANGUP_COMPLETE");
    EslEvent result = events.stream().filter(e -> "spandsp::rxfaxresult".equals(e.subclass())).findFirst().orElseThrow();
    assertThat(result.header("fax-document-transferred-pages")).isEqualTo("2");
    assertThat(result.header("fax-local-station-id")).isEqualTo("+15551230000");
    assertThat(server.activeSessions()).isZero();
  }

  @Test
  void rejectedCallEndsWithTheDisconnectNoticeAndFailsThePendingExecution() throws Exception {
    CompletableFuture<EslEvent> responded = new CompletableFuture<>();
    CompletableFuture<SessionEnd> ended = new CompletableFuture<>();
    InetSocketAddress addr = startServer(session -> {
      session.execute("respond", "404", false).whenComplete(complete(responded));
      session.ended().thenAccept(ended::complete);
    });
    List<Block> s = Captures.serverBlocks("receive-outbound-reject");
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      assertThat(fs.readCommand()).isEqualTo("connect\n\n");
      fs.send(s.get(0).bytes());
      String respond = fs.readCommand();
      assertThat(EslTestPeer.header(respond, "execute-app-arg")).isEqualTo("404");
      assertThat(EslTestPeer.header(respond, "event-lock")).isNull();
      fs.send(s.get(1).bytes()); // +OK
      fs.send(s.get(2).bytes()); // Content-Disposition: disconnect
      fs.close();
    }
    SessionEnd end = ended.get(5, TimeUnit.SECONDS);
    assertThat(end.reason()).isEqualTo(SessionEnd.Reason.DISCONNECT_NOTICE);
    assertThat(end.notice().bodyAsString()).startsWith("Disconnected, goodbye.");
    // Without myevents no CHANNEL_EXECUTE_COMPLETE can arrive; the future must not hang forever.
    assertThatThrownBy(() -> responded.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(EslConnectionException.class);
  }

  @Test
  void refusedSendmsgFailsTheExecution() throws Exception {
    CompletableFuture<EslEvent> executed = new CompletableFuture<>();
    InetSocketAddress addr = startServer(session -> session.execute("rxfax", "/x.tif", true)
        .whenComplete(complete(executed)));
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      fs.readCommand();
      fs.send(Captures.serverBlocks("receive-outbound-reject").get(0).bytes());
      fs.readCommand();
      fs.reply("-ERR invalid session id [x]");
      assertThatThrownBy(() -> executed.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(EslCommandException.class).hasMessageContaining("-ERR invalid session id");
    }
  }

  @Test
  void garbageInsteadOfTheConnectReplyClosesTheSocketWithoutASession() throws Exception {
    InetSocketAddress addr = startServer(sessions::add);
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      fs.readCommand();
      fs.send("\u0001\u0002 definitely not ESL\n\n");
      assertThat(fs.awaitEof()).isTrue();
    }
    assertThat(sessions).isEmpty();
  }

  @Test
  void undecodableConnectReplyClosesTheSocketWithoutASession() throws Exception {
    InetSocketAddress addr = startServer(sessions::add);
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      fs.readCommand();
      // Framed correctly, but %ZZ is no valid escape: the channel data cannot be trusted.
      fs.send("Event-Name: CHANNEL_DATA\nUnique-ID: %ZZ\nContent-Type: command/reply\nReply-Text: %2BOK%0A\n\n");
      assertThat(fs.awaitEof()).isTrue();
    }
    assertThat(sessions).isEmpty();
  }

  @Test
  void peerThatNeverRepliesToConnectIsDroppedAfterTheTimeout() throws Exception {
    InetSocketAddress addr = startServer(sessions::add);
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      assertThat(fs.readCommand()).isEqualTo("connect\n\n");
      assertThat(fs.awaitEof()).as("closed after the 2 s connect-reply timeout").isTrue();
    }
    assertThat(sessions).isEmpty();
  }

  private static <T> java.util.function.BiConsumer<T, Throwable> complete(CompletableFuture<T> target) {
    return (v, t) -> {
      if (t != null) {
        target.completeExceptionally(t);
      } else {
        target.complete(v);
      }
    };
  }

  // ------------------------------------------------------------------ review fixes

  private InetSocketAddress startServer(OutboundServerConfig config, OutboundSessionHandler handler)
      throws InterruptedException {
    server = EslOutboundServer.builder(config, handler).build();
    return server.start();
  }

  private static OutboundServerConfig testConfig() {
    return OutboundServerConfig.defaults("127.0.0.1", 0).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
        .withIoThreads(1);
  }

  /** Review #4: a peer outside the allow-list is closed before it is sent anything. */
  @Test
  void peerOutsideTheAllowListIsClosedAtOnce() throws Exception {
    InetSocketAddress addr = startServer(testConfig().withAllowedPeers(List.of("192.0.2.0/24", "2001:db8::/32")),
        sessions::add);
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      assertThat(fs.readUntilEof()).as("closed without a connect").isEmpty();
    }
    assertThat(sessions).isEmpty();
    assertThat(server.activeSessions()).isZero();
  }

  @Test
  void peerInTheAllowListIsServed() throws Exception {
    InetSocketAddress addr = startServer(testConfig().withAllowedPeers(List.of("192.0.2.7", "127.0.0.0/8")),
        sessions::add);
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      assertThat(fs.readCommand()).isEqualTo("connect\n\n");
      fs.send(Captures.serverBlocks("receive-outbound-reject").get(0).bytes());
      assertThat(sessions.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
  }

  /** Review #4: connections beyond maxSessions are refused. */
  @Test
  void connectionsBeyondMaxSessionsAreClosedAtOnce() throws Exception {
    InetSocketAddress addr = startServer(testConfig().withMaxSessions(1), sessions::add);
    try (EslTestPeer first = EslTestPeer.connect(addr)) {
      assertThat(first.readCommand()).isEqualTo("connect\n\n");
      try (EslTestPeer second = EslTestPeer.connect(addr)) {
        assertThat(second.readUntilEof()).as("refused without a connect").isEmpty();
      }
      assertThat(server.activeSessions()).isEqualTo(1);
    }
  }

  /** Review #4: a declared body above 1 MiB is refused at once instead of being buffered. */
  @Test
  void declaredBodyAboveOneMebibyteClosesTheSocketAtOnce() throws Exception {
    assertThat(OutboundServerConfig.defaults("127.0.0.1", 0).maxBodySize()).isEqualTo(1024 * 1024);
    // Default connect-reply timeout (10 s) is longer than the peer's 5 s read timeout.
    InetSocketAddress addr = startServer(OutboundServerConfig.defaults("127.0.0.1", 0).withIoThreads(1),
        sessions::add);
    try (EslTestPeer fs = EslTestPeer.connect(addr)) {
      assertThat(fs.readCommand()).isEqualTo("connect\n\n");
      fs.send("Content-Type: command/reply\nContent-Length: 2000000\n\n" + "x".repeat(1000));
      assertThat(fs.awaitEof()).as("closed right after the oversized Content-Length").isTrue();
    }
    assertThat(sessions).isEmpty();
  }

  @Test
  void allowListAcceptsOnlyIpLiteralsAndCidrBlocks() {
    OutboundServerConfig c = testConfig();
    assertThat(c.allowedPeers()).isEmpty();
    assertThat(c.withAllowedPeers(List.of("10.0.0.5", "10.1.0.0/16", "::1", "fd00::/8")).allowedPeers()).hasSize(4);
    for (String bad : List.of("freeswitch.local", "10.0.0.0/33", "::/129", "10.0.0.1/x", "")) {
      assertThatThrownBy(() -> c.withAllowedPeers(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> c.withMaxSessions(0)).isInstanceOf(IllegalArgumentException.class);
    // The constructor of earlier versions still works and allows everyone.
    OutboundServerConfig legacy = new OutboundServerConfig("127.0.0.1", 0, Duration.ofSeconds(1),
        Duration.ofSeconds(1), 100, 0, 1024, 4096);
    assertThat(legacy.allowedPeers()).isEmpty();
    assertThat(legacy.maxSessions()).isEqualTo(OutboundServerConfig.DEFAULT_MAX_SESSIONS);
  }

  /** Review #5: with shared groups, close() must still close the accepted call sockets. */
  @Test
  void closeAlsoClosesCallSocketsWhenTheEventLoopGroupsAreShared() throws Exception {
    NioEventLoopGroup boss = new NioEventLoopGroup(1);
    NioEventLoopGroup worker = new NioEventLoopGroup(1);
    try {
      server = EslOutboundServer.builder(testConfig(), sessions::add).eventLoopGroups(boss, worker).build();
      InetSocketAddress addr = server.start();
      try (EslTestPeer fs = EslTestPeer.connect(addr)) {
        assertThat(fs.readCommand()).isEqualTo("connect\n\n");
        fs.send(Captures.serverBlocks("receive-outbound-reject").get(0).bytes());
        OutboundSession session = sessions.poll(5, TimeUnit.SECONDS);
        assertThat(session).isNotNull();
        server.close();
        server = null;
        assertThat(fs.awaitEof()).as("call socket closed by server.close()").isTrue();
        session.closed().get(5, TimeUnit.SECONDS);
      }
    } finally {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      worker.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
