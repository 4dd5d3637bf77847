package org.faxserver.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbound client against a fake FreeSWITCH on a real loopback socket. */
class EslInboundClientTest {

  private static final String SUBSCRIBE_DEFAULT = "event plain BACKGROUND_JOB HEARTBEAT\n\n";

  private ServerSocket fakeFreeSwitch;
  private EslInboundClient client;
  private final LinkedBlockingQueue<EslEvent> events = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<String> connectionLog = new LinkedBlockingQueue<>();

  @BeforeEach
  void listen() throws Exception {
    fakeFreeSwitch = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    fakeFreeSwitch.setSoTimeout(5000);
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    fakeFreeSwitch.close();
  }

  private EslInboundClient newClient(InboundClientConfig config) {
    client = EslInboundClient.builder(config)
        .eventListener(events::add)
        .connectionListener(new EslConnectionListener() {
          @Override
          public void onConnected() {
            connectionLog.add("connected");
          }

          @Override
          public void onDisconnected(Throwable cause) {
            connectionLog.add("disconnected: " + cause.getClass().getSimpleName());
          }
        })
        .build();
    return client;
  }

  private InboundClientConfig config() {
    return InboundClientConfig.defaults("127.0.0.1", fakeFreeSwitch.getLocalPort(), "ClueCon")
        .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /** Accepts a connection and plays the auth handshake and the expected restore commands. */
  private EslTestPeer acceptAndAuthenticate(String... expectedRestoreCommands) throws Exception {
    EslTestPeer fs = EslTestPeer.accept(fakeFreeSwitch);
    fs.send("Content-Type: auth/request\n\n");
    assertThat(fs.readCommand()).isEqualTo("auth ClueCon\n\n");
    fs.reply("+OK accepted");
    for (String expected : expectedRestoreCommands) {
      assertThat(fs.readCommand()).isEqualTo(expected);
      fs.reply("+OK");
    }
    return fs;
  }

  @Test
  void authenticatesSubscribesAndBecomesReady() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      assertThat(client.state()).isEqualTo(ConnectionState.READY);
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
    }
  }

  @Test
  void refusedPasswordFailsStartAndDoesNotReconnect() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    List<Captures.Block> capture = Captures.serverBlocks("inbound-bad-auth");
    try (EslTestPeer fs = EslTestPeer.accept(fakeFreeSwitch)) {
      fs.send(capture.get(0).bytes());
      assertThat(fs.readCommand()).isEqualTo("auth ClueCon\n\n");
      fs.send(capture.get(1).bytes()); // -ERR invalid
      fs.send(capture.get(2).bytes()); // disconnect notice
    }
    assertThatThrownBy(() -> started.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(EslAuthenticationException.class);
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    fakeFreeSwitch.setSoTimeout(500);
    // Ten reconnect periods pass without a new connection attempt.
    assertThatThrownBy(() -> fakeFreeSwitch.accept()).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void commandsFailFastWhileNotConnected() {
    newClient(config());
    assertThatThrownBy(() -> client.api("status").get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(EslConnectionException.class);
  }

  @Test
  void apiRepliesAreMatchedInFifoOrderAcrossInterleavedEvents() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      List<CompletableFuture<String>> replies = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        replies.add(client.api("echo " + i));
      }
      for (int i = 0; i < 5; i++) {
        assertThat(fs.readCommand()).isEqualTo("api echo " + i + "\n\n");
      }
      for (int i = 0; i < 5; i++) {
        fs.apiResponse("reply-" + i + "\n");
        fs.event("Event-Name: HEARTBEAT\nEvent-Sequence: " + i + "\n\n"); // events do not consume replies
      }
      for (int i = 0; i < 5; i++) {
        assertThat(replies.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("reply-" + i + "\n");
      }
      for (int i = 0; i < 5; i++) {
        assertThat(events.poll(5, TimeUnit.SECONDS).header("Event-Sequence")).isEqualTo(String.valueOf(i));
      }
    }
  }

  @Test
  void bgapiSendsOurJobUuidAndCompletesWithTheBackgroundJobBody() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      CompletableFuture<String> job = client.bgapi("originate sofia/gateway/gw/1 &txfax(/x.tif)");
      String cmd = fs.readCommand();
      assertThat(EslTestPeer.line(cmd)).isEqualTo("bgapi originate sofia/gateway/gw/1 &txfax(/x.tif)");
      String jobUuid = EslTestPeer.header(cmd, "Job-UUID");
      assertThat(jobUuid).hasSize(36);
      fs.send("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + jobUuid + "\nJob-UUID: " + jobUuid + "\n\n");
      fs.event("Event-Name: BACKGROUND_JOB\nJob-UUID: someone-else\nContent-Length: 4\n\n+OK\n");
      assertThat(job).isNotDone();
      String body = "+OK 0a1b\n";
      fs.event("Event-Name: BACKGROUND_JOB\nJob-UUID: " + jobUuid + "\nJob-Command: originate\nContent-Length: "
          + body.length() + "\n\n" + body);
      assertThat(job.get(5, TimeUnit.SECONDS)).isEqualTo(body);
    }
  }

  @Test
  void refusedBgapiFailsTheJob() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      CompletableFuture<String> job = client.bgapi("nonsense");
      fs.readCommand();
      fs.reply("-ERR no reply");
      assertThatThrownBy(() -> job.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EslCommandException.class);
    }
  }

  @Test
  void firstFilterAlsoLetsBackgroundJobAndHeartbeatThrough() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      CompletableFuture<Void> added = client.addFilter("Unique-ID", "93bf1322-5154-4459-acd4-2ac955bcf9ce");
      assertThat(fs.readCommand()).isEqualTo("filter Event-Name BACKGROUND_JOB\n\n");
      fs.reply("+OK filter added. [Event-Name]=[BACKGROUND_JOB]");
      assertThat(fs.readCommand()).isEqualTo("filter Event-Name HEARTBEAT\n\n");
      fs.reply("+OK filter added. [Event-Name]=[HEARTBEAT]");
      assertThat(fs.readCommand()).isEqualTo("filter Unique-ID 93bf1322-5154-4459-acd4-2ac955bcf9ce\n\n");
      fs.reply("+OK filter added. [Unique-ID]=[93bf1322-5154-4459-acd4-2ac955bcf9ce]");
      added.get(5, TimeUnit.SECONDS);

      CompletableFuture<Void> second = client.addFilter("Unique-ID", "other");
      assertThat(fs.readCommand()).as("built-in filters are added only once").isEqualTo("filter Unique-ID other\n\n");
      fs.reply("+OK filter added. [Unique-ID]=[other]");
      second.get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusedFilterFailsItsFuture() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      CompletableFuture<Void> sub = client.subscribe(List.of("CHANNEL_ANSWER"), List.of());
      assertThat(fs.readCommand()).isEqualTo("event plain BACKGROUND_JOB HEARTBEAT CHANNEL_ANSWER\n\n");
      fs.reply("-ERR no keywords supplied");
      assertThatThrownBy(() -> sub.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EslCommandException.class);
    }
  }

  @Test
  void reconnectsAfterTheServerDropsAndRestoresSubscriptionsAndFilters() throws Exception {
    newClient(config());
    client.subscribe(List.of("CHANNEL_HANGUP_COMPLETE"), List.of("spandsp::txfaxresult"));
    client.addFilter("Unique-ID", "u-1");
    String subscribe = "event plain BACKGROUND_JOB HEARTBEAT CHANNEL_HANGUP_COMPLETE CUSTOM spandsp::txfaxresult\n\n";
    String[] restore = {subscribe, "filter Event-Name BACKGROUND_JOB\n\n", "filter Event-Name HEARTBEAT\n\n",
        "filter Unique-ID u-1\n\n"};
    CompletableFuture<Void> started = client.start();

    try (EslTestPeer first = acceptAndAuthenticate(restore)) {
      started.get(5, TimeUnit.SECONDS);
      first.event("Event-Name: CHANNEL_HANGUP_COMPLETE\nUnique-ID: u-1\nEvent-Sequence: 1\n\n");
      assertThat(events.poll(5, TimeUnit.SECONDS).header("Event-Sequence")).isEqualTo("1");
    } // FreeSWITCH goes away
    assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
    assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("disconnected: EslConnectionException");

    try (EslTestPeer second = acceptAndAuthenticate(restore)) {
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
      assertThat(client.state()).isEqualTo(ConnectionState.READY);
      second.event("Event-Name: CUSTOM\nEvent-Subclass: spandsp%3A%3Atxfaxresult\nUnique-ID: u-1\nEvent-Sequence: 2\n\n");
      EslEvent e = events.poll(5, TimeUnit.SECONDS);
      assertThat(e.subclass()).isEqualTo("spandsp::txfaxresult");
      // Commands work again on the new connection.
      CompletableFuture<String> status = client.api("status");
      assertThat(second.readCommand()).isEqualTo("api status\n\n");
      second.apiResponse("UP\n");
      assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo("UP\n");
    }
  }

  @Test
  void silentServerIsProbedThenDroppedAndReconnected() throws Exception {
    newClient(config().withReadIdleTimeout(Duration.ofMillis(300)));
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer silent = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      assertThat(silent.readCommand()).as("liveness probe").isEqualTo("api status\n\n");
      assertThat(silent.awaitEof()).as("dropped after a second silent period").isTrue();
    }
    try (EslTestPeer again = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).startsWith("disconnected");
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
    }
  }

  @Test
  void slowListenerNeverStallsTheConnectionAndEveryEventIsDeliveredOrCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<EslEvent> seen = new CopyOnWriteArrayList<>();
    client = EslInboundClient.builder(config().withEventQueueCapacity(8))
        .eventListener(e -> {
          try {
            release.await();
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          seen.add(e);
        })
        .build();
    CompletableFuture<Void> started = client.start();
    int sent = 200;
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      for (int i = 0; i < sent; i++) {
        fs.event("Event-Name: HEARTBEAT\nEvent-Sequence: " + i + "\n\n");
      }
      Thread.sleep(200);
      // The listener is blocked, yet the connection is up and the queue stays bounded.
      assertThat(client.state()).isEqualTo(ConnectionState.READY);
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.size() + client.droppedEvents() < sent && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(seen.size() + client.droppedEvents()).isEqualTo(sent);
      // Events that were delivered kept their order.
      List<Integer> seqs = seen.stream().map(e -> Integer.parseInt(e.header("Event-Sequence"))).toList();
      assertThat(seqs).isSorted();
    }
  }

  @Test
  void aclRejectionIsTreatedLikeARefusedPassword() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = EslTestPeer.accept(fakeFreeSwitch)) {
      fs.send("Content-Type: text/rude-rejection\nContent-Length: 24\n\nAccess Denied, go away.\n");
    }
    assertThatThrownBy(() -> started.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(EslAuthenticationException.class).hasMessageContaining("Access Denied");
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void unsubscribeSendsNixeventKeepsTheBuiltInEventsAndIsRememberedForReconnects() throws Exception {
    newClient(config());
    client.subscribe(List.of("CHANNEL_ANSWER", "CHANNEL_HANGUP"), List.of("spandsp::txfaxresult"));
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(
        "event plain BACKGROUND_JOB HEARTBEAT CHANNEL_ANSWER CHANNEL_HANGUP CUSTOM spandsp::txfaxresult\n\n")) {
      started.get(5, TimeUnit.SECONDS);
      CompletableFuture<Void> nixed = client.unsubscribe(List.of("channel_answer", "HEARTBEAT"),
          List.of("spandsp::txfaxresult"));
      assertThat(fs.readCommand()).isEqualTo("nixevent CHANNEL_ANSWER CUSTOM spandsp::txfaxresult\n\n");
      fs.reply("+OK events nixed");
      nixed.get(5, TimeUnit.SECONDS);
    }
    try (EslTestPeer again = acceptAndAuthenticate("event plain BACKGROUND_JOB HEARTBEAT CHANNEL_HANGUP\n\n")) {
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).startsWith("disconnected");
      assertThat(connectionLog.poll(5, TimeUnit.SECONDS)).isEqualTo("connected");
    }
  }

  // ------------------------------------------------------------------ review fixes

  /** Review #1: a restore command without reply must not leave the client AUTHENTICATING forever. */
  @Test
  void restoreWithoutReplyClosesTheConnectionAndReconnects() throws Exception {
    newClient(config().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = EslTestPeer.accept(fakeFreeSwitch)) {
      fs.send("Content-Type: auth/request\n\n");
      assertThat(fs.readCommand()).isEqualTo("auth ClueCon\n\n");
      fs.reply("+OK accepted");
      assertThat(fs.readCommand()).isEqualTo(SUBSCRIBE_DEFAULT);
      // No reply: the restore times out after 1 s. The default read-idle timeout is 45 s, so
      // only the restore failure can close the socket within the 5 s read timeout.
      assertThat(fs.awaitEof()).as("closed after the failed restore").isTrue();
    }
    assertThat(started).isNotDone();
    try (EslTestPeer again = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      assertThat(client.state()).isEqualTo(ConnectionState.READY);
    }
  }

  /** Review #2: changes made while the restore is in flight reach the new connection, after the restore. */
  @Test
  void filterAndSubscriptionAddedDuringTheRestoreAreSentAfterIt() throws Exception {
    newClient(config());
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = EslTestPeer.accept(fakeFreeSwitch)) {
      fs.send("Content-Type: auth/request\n\n");
      assertThat(fs.readCommand()).isEqualTo("auth ClueCon\n\n");
      fs.reply("+OK accepted");
      // The restore has taken its copy of the sets and is waiting for this reply.
      assertThat(fs.readCommand()).isEqualTo(SUBSCRIBE_DEFAULT);
      assertThat(client.state()).isEqualTo(ConnectionState.AUTHENTICATING);
      CompletableFuture<Void> added = client.addFilter("Unique-ID", "u-late");
      CompletableFuture<Void> subscribed = client.subscribe(List.of("CHANNEL_ANSWER"), List.of());
      fs.reply("+OK event listener enabled plain");
      assertThat(fs.readCommand()).isEqualTo("filter Event-Name BACKGROUND_JOB\n\n");
      fs.reply("+OK filter added. [Event-Name]=[BACKGROUND_JOB]");
      assertThat(fs.readCommand()).isEqualTo("filter Event-Name HEARTBEAT\n\n");
      fs.reply("+OK filter added. [Event-Name]=[HEARTBEAT]");
      assertThat(fs.readCommand()).isEqualTo("filter Unique-ID u-late\n\n");
      fs.reply("+OK filter added. [Unique-ID]=[u-late]");
      assertThat(fs.readCommand()).isEqualTo("event plain BACKGROUND_JOB HEARTBEAT CHANNEL_ANSWER\n\n");
      fs.reply("+OK event listener enabled plain");
      started.get(5, TimeUnit.SECONDS);
      added.get(5, TimeUnit.SECONDS);
      subscribed.get(5, TimeUnit.SECONDS);
      assertThat(client.state()).isEqualTo(ConnectionState.READY);
    }
  }

  /** Review #2: concurrent changes reach FreeSWITCH in the order they were applied to the local sets. */
  @Test
  void concurrentFilterChangesReachFreeSwitchInTheOrderOfTheLocalSet() throws Exception {
    newClient(config());
    client.addFilter("Unique-ID", "keep");
    CompletableFuture<Void> started = client.start();
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT, "filter Event-Name BACKGROUND_JOB\n\n",
        "filter Event-Name HEARTBEAT\n\n", "filter Unique-ID keep\n\n")) {
      started.get(5, TimeUnit.SECONDS);
      int rounds = 200;
      CountDownLatch go = new CountDownLatch(1);
      Thread adder = new Thread(() -> {
        awaitQuietly(go);
        for (int i = 0; i < rounds; i++) {
          client.addFilter("Unique-ID", "x");
        }
      });
      Thread deleter = new Thread(() -> {
        awaitQuietly(go);
        for (int i = 0; i < rounds; i++) {
          client.deleteFilter("Unique-ID", "x");
        }
      });
      adder.start();
      deleter.start();
      go.countDown();
      adder.join(5000);
      deleter.join(5000);
      // Every change is queued by now, so this marker follows them on the wire.
      CompletableFuture<String> marker = client.api("echo marker");
      // Replay the wire onto a set: it must end where the client's set ended.
      boolean present = false;
      while (true) {
        String cmd = fs.readCommand();
        if (cmd.equals("api echo marker\n\n")) {
          fs.apiResponse("marker\n");
          break;
        }
        fs.reply("+OK");
        String line = EslTestPeer.line(cmd);
        if (line.equals("filter Unique-ID x")) {
          assertThat(present).as("add on the wire while present").isFalse();
          present = true;
        } else if (line.equals("filter delete Unique-ID x")) {
          assertThat(present).as("delete on the wire while absent").isTrue();
          present = false;
        }
      }
      assertThat(marker.get(5, TimeUnit.SECONDS)).isEqualTo("marker\n");
      // The client's set must agree: a delete goes out only if x is present there too.
      CompletableFuture<Void> probe = client.deleteFilter("Unique-ID", "x");
      CompletableFuture<String> end = client.api("echo end");
      String next = fs.readCommand();
      if (present) {
        assertThat(next).isEqualTo("filter delete Unique-ID x\n\n");
        fs.reply("+OK");
        next = fs.readCommand();
      }
      assertThat(next).isEqualTo("api echo end\n\n");
      fs.apiResponse("end\n");
      probe.get(5, TimeUnit.SECONDS);
      assertThat(end.get(5, TimeUnit.SECONDS)).isEqualTo("end\n");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Review #3: while reading is paused for a slow listener, silence on the socket is expected. */
  @Test
  void pausedReadingIsNotMistakenForASilentServer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<EslEvent> seen = new CopyOnWriteArrayList<>();
    client = EslInboundClient.builder(config().withEventQueueCapacity(8).withReadIdleTimeout(Duration.ofMillis(200)))
        .eventListener(e -> {
          awaitQuietly(release);
          seen.add(e);
        })
        .connectionListener(new EslConnectionListener() {
          @Override
          public void onConnected() {
            connectionLog.add("connected");
          }

          @Override
          public void onDisconnected(Throwable cause) {
            connectionLog.add("disconnected");
          }
        })
        .build();
    CompletableFuture<Void> started = client.start();
    int sent = 50;
    try (EslTestPeer fs = acceptAndAuthenticate(SUBSCRIBE_DEFAULT)) {
      started.get(5, TimeUnit.SECONDS);
      for (int i = 0; i < sent; i++) {
        fs.event("Event-Name: HEARTBEAT\nEvent-Sequence: " + i + "\n\n");
      }
      // The listener is stuck, so reading pauses. Ten read-idle periods pass and the socket stays
      // open (readCommand would fail with EOF). A probe can only have gone out before the pause, if
      // this thread stalled for a whole period; answering it changes nothing, the client cannot read.
      fs.soTimeout(2000);
      int probes = 0;
      try {
        while (true) {
          assertThat(fs.readCommand()).isEqualTo("api status\n\n");
          fs.apiResponse("UP\n");
          probes++;
        }
      } catch (SocketTimeoutException expected) {
        // silence, and still connected
      }
      assertThat(probes).as("at most one probe, before reading paused").isLessThanOrEqualTo(1);
      assertThat(client.state()).isEqualTo(ConnectionState.READY);

      release.countDown();
      fs.soTimeout(5000);
      CompletableFuture<String> echo = client.api("echo alive");
      while (true) {
        String cmd = fs.readCommand();
        if (cmd.equals("api echo alive\n\n")) {
          fs.apiResponse("alive\n");
          break;
        }
        assertThat(cmd).as("only liveness probes may come first").isEqualTo("api status\n\n");
        fs.apiResponse("UP\n");
      }
      assertThat(echo.get(5, TimeUnit.SECONDS)).isEqualTo("alive\n");
      assertThat(connectionLog).containsExactly("connected");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.size() + client.droppedEvents() < sent && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(seen.size() + client.droppedEvents()).isEqualTo(sent);
    }
  }
}
