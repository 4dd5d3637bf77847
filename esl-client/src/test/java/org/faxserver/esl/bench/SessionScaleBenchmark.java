package org.faxserver.esl.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.faxserver.esl.Captures;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.esl.EslOutboundServer;
import org.faxserver.esl.InboundClientConfig;
import org.faxserver.esl.OutboundServerConfig;

/**
 * How many concurrent outbound sessions (plus one busy inbound client) one JVM holds.
 *
 * <p>A scripted FreeSWITCH (Netty, 2 threads, in the same JVM) dials {@code calls} sockets into
 * our {@link EslOutboundServer}. Each session does what a receive does: myevents, linger,
 * CUSTOM subscription, answer and rxfax with event-lock. With every call parked inside rxfax the
 * heap and the threads are measured; then every call gets its real captured events
 * (EXECUTE_COMPLETE answer, rxfaxresult, EXECUTE_COMPLETE rxfax, HANGUP_COMPLETE, linger notice)
 * and each session closes with exit. Meanwhile one {@link EslInboundClient} runs api and bgapi
 * against a scripted inbound FreeSWITCH. Not a test; see docs/BENCHMARKS.md for the command.
 */
public final class SessionScaleBenchmark {

  private static final String CAPTURED_CHANNEL = "ef53819f-f2b6-4ea8-89c6-752ae658a7dd";
  private static final String CAPTURED_ANSWER = "4e351a06-c363-4523-9c60-6c0326c799bd";
  private static final String CAPTURED_RXFAX = "467eb760-6045-46e4-b4f9-0b14527b3b95";

  private SessionScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Snapshot base = Snapshot.take();
    System.out.printf("baseline: heap %.1f MB, %d threads%n", base.heapMb, base.threads);

    List<Captures.Block> s = Captures.serverBlocks("receive-outbound-socket");
    String connectReply = s.get(0).text();
    String answerComplete = s.get(10).text();   // CHANNEL_EXECUTE_COMPLETE answer
    String rxfaxResult = s.get(17).text();      // CUSTOM spandsp::rxfaxresult
    String rxfaxComplete = s.get(18).text();    // CHANNEL_EXECUTE_COMPLETE rxfax
    String hangupComplete = s.get(26).text();   // CHANNEL_HANGUP_COMPLETE
    String lingerNotice = s.get(27).text();
    String goodbye = s.get(28).text();
    check(answerComplete, "Application: answer");
    check(rxfaxResult, "spandsp%3A%3Arxfaxresult");
    check(rxfaxComplete, "Application: rxfax");
    check(hangupComplete, "CHANNEL_HANGUP_COMPLETE");
    check(lingerNotice, "Content-Disposition: linger");

    EventLoopGroup fakeGroup = new NioEventLoopGroup(2, new DefaultThreadFactory("fake-freeswitch", true));

    // ---- our side: the outbound server with a receive-fax session script
    AtomicInteger sessionsStarted = new AtomicInteger();
    AtomicInteger faxesReceived = new AtomicInteger();
    AtomicInteger sessionsClosed = new AtomicInteger();
    AtomicLong eventsSeen = new AtomicLong();
    CountDownLatch allClosed = new CountDownLatch(calls);
    EslOutboundServer server = EslOutboundServer.builder(
        OutboundServerConfig.defaults("127.0.0.1", 0).withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60)),
        session -> {
          sessionsStarted.incrementAndGet();
          session.eventListener(e -> eventsSeen.incrementAndGet());
          session.myevents();
          session.linger(10);
          session.subscribe(List.of(), List.of("spandsp::rxfaxresult", "spandsp::rxfaxpageresult"));
          session.execute("answer", null, true);
          session.execute("rxfax", "/var/spool/fax/in/" + session.uniqueId() + ".tif", true)
              .thenAccept(done -> {
                if ("1".equals(done.header("variable_fax_success"))) {
                  faxesReceived.incrementAndGet();
                }
              });
          session.ended().thenCompose(end -> session.close()).thenRun(() -> {
            sessionsClosed.incrementAndGet();
            allClosed.countDown();
          });
        }).build();
    InetSocketAddress addr = server.start();

    // ---- one inbound client against a scripted inbound FreeSWITCH
    Channel inboundFs = new ServerBootstrap().group(fakeGroup).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(commandDecoder()).addLast(new ScriptedInbound());
          }
        }).bind("127.0.0.1", 0).sync().channel();
    EslInboundClient client = EslInboundClient.builder(InboundClientConfig.defaults("127.0.0.1",
        ((InetSocketAddress) inboundFs.localAddress()).getPort(), "ClueCon")).build();
    client.start().get(10, TimeUnit.SECONDS);

    // ---- dial every call, at most 256 connection attempts in flight
    ScriptPhase phase = new ScriptPhase(calls);
    Bootstrap dialer = new Bootstrap().group(fakeGroup).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(commandDecoder()).addLast(new ScriptedCall(phase, connectReply,
                goodbye));
          }
        });
    long t0 = System.nanoTime();
    Semaphore inFlight = new Semaphore(256);
    for (int i = 0; i < calls; i++) {
      inFlight.acquire();
      dialer.connect(addr).addListener(f -> {
        inFlight.release();
        if (!f.isSuccess()) {
          System.err.println("dial failed: " + f.cause());
        }
      });
    }
    if (!phase.parked.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (calls - phase.parked.getCount()) + " calls reached rxfax");
    }
    double setupSecs = (System.nanoTime() - t0) / 1e9;

    // ---- inbound load while all calls are up
    long ti = System.nanoTime();
    List<CompletableFuture<String>> apis = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      apis.add(client.api("status"));
    }
    List<CompletableFuture<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      jobs.add(client.bgapi("originate sofia/gateway/gw/" + i + " &txfax(/x.tif)"));
    }
    CompletableFuture.allOf(apis.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    double inboundSecs = (System.nanoTime() - ti) / 1e9;

    Snapshot held = Snapshot.take();
    System.out.printf("%d calls parked in rxfax after %.2f s; server reports %d active sessions%n", calls,
        setupSecs, server.activeSessions());
    System.out.printf("inbound client meanwhile: 2000 api + 200 bgapi in %.2f s%n", inboundSecs);
    System.out.printf("heap used (after GC): %.1f MB, i.e. %.1f MB above baseline = %.1f KB per call "
        + "(both ends of every socket are in this JVM)%n", held.heapMb, held.heapMb - base.heapMb,
        (held.heapMb - base.heapMb) * 1024 / calls);
    System.out.printf("threads: %d live (%d at baseline) by pool: %s%n", held.threads, base.threads, held.byPool);

    // ---- finish every call with its captured events
    long tf = System.nanoTime();
    for (ScriptedCall call : phase.calls) {
      call.finish(answerComplete, rxfaxResult, rxfaxComplete, hangupComplete, lingerNotice);
    }
    if (!allClosed.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + sessionsClosed.get() + " sessions closed");
    }
    double finishSecs = (System.nanoTime() - tf) / 1e9;
    System.out.printf("finished: %d sessions started, %d rxfax completed with fax_success=1, %d closed cleanly "
        + "in %.2f s; %d events delivered to listeners%n", sessionsStarted.get(), faxesReceived.get(),
        sessionsClosed.get(), finishSecs, eventsSeen.get());

    client.close();
    server.close();
    inboundFs.close().sync();
    fakeGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private static void check(String frame, String expected) {
    if (!frame.contains(expected)) {
      throw new IllegalStateException("capture layout changed: expected " + expected);
    }
  }

  private static DelimiterBasedFrameDecoder commandDecoder() {
    return new DelimiterBasedFrameDecoder(64 * 1024, Unpooled.wrappedBuffer("\n\n".getBytes(StandardCharsets.US_ASCII)));
  }

  private static String header(String cmd, String name) {
    for (String l : cmd.split("\n")) {
      if (l.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return l.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private static void write(ChannelHandlerContext ctx, String s) {
    ctx.writeAndFlush(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
  }

  private static final class ScriptPhase {
    final CountDownLatch parked;
    final List<ScriptedCall> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    ScriptPhase(int calls) {
      this.parked = new CountDownLatch(calls);
    }
  }

  /** One FreeSWITCH call socket, dialing our server. */
  private static final class ScriptedCall extends SimpleChannelInboundHandler<ByteBuf> {
    private final ScriptPhase phase;
    private final String connectReply;
    private final String goodbye;
    private final String uuid = UUID.randomUUID().toString();
    private ChannelHandlerContext ctx;
    private String answerUuid;
    private String rxfaxUuid;

    ScriptedCall(ScriptPhase phase, String connectReply, String goodbye) {
      this.phase = phase;
      this.connectReply = connectReply;
      this.goodbye = goodbye;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      this.ctx = ctx;
      String cmd = msg.toString(StandardCharsets.UTF_8);
      String line = cmd.contains("\n") ? cmd.substring(0, cmd.indexOf('\n')) : cmd;
      if (line.equals("connect")) {
        write(ctx, connectReply.replace(CAPTURED_CHANNEL, uuid));
      } else if (line.equals("sendmsg")) {
        String app = header(cmd, "execute-app-name");
        if ("answer".equals(app)) {
          answerUuid = header(cmd, "Event-UUID");
        } else if ("rxfax".equals(app)) {
          rxfaxUuid = header(cmd, "Event-UUID");
        }
        write(ctx, "Content-Type: command/reply\nReply-Text: +OK\n\n");
        if ("rxfax".equals(app)) {
          phase.calls.add(this);
          phase.parked.countDown();
        }
      } else if (line.equals("exit")) {
        write(ctx, "Content-Type: command/reply\nReply-Text: +OK bye\n\n");
        ctx.writeAndFlush(Unpooled.copiedBuffer(goodbye.replace(CAPTURED_CHANNEL, uuid), StandardCharsets.UTF_8))
            .addListener(f -> ctx.close());
      } else {
        write(ctx, "Content-Type: command/reply\nReply-Text: +OK\n\n");
      }
    }

    void finish(String... frames) {
      ctx.executor().execute(() -> {
        for (String f : frames) {
          ctx.write(Unpooled.copiedBuffer(f.replace(CAPTURED_CHANNEL, uuid).replace(CAPTURED_ANSWER, answerUuid)
              .replace(CAPTURED_RXFAX, rxfaxUuid), StandardCharsets.UTF_8));
        }
        ctx.flush();
      });
    }
  }

  /** The inbound side: auth, subscriptions, api replies and BACKGROUND_JOB events. */
  private static final class ScriptedInbound extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      write(ctx, "Content-Type: auth/request\n\n");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      String cmd = msg.toString(StandardCharsets.UTF_8);
      if (cmd.startsWith("api ")) {
        String body = "UP 0 years, 0 days\n";
        write(ctx, "Content-Type: api/response\nContent-Length: " + body.length() + "\n\n" + body);
      } else if (cmd.startsWith("bgapi ")) {
        String job = header(cmd, "Job-UUID");
        write(ctx, "Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job + "\nJob-UUID: " + job + "\n\n");
        String out = "+OK " + UUID.randomUUID() + "\n";
        String event = "Event-Name: BACKGROUND_JOB\nJob-UUID: " + job + "\nJob-Command: originate\nContent-Length: "
            + out.length() + "\n\n" + out;
        write(ctx, "Content-Length: " + event.length() + "\nContent-Type: text/event-plain\n\n" + event);
      } else {
        write(ctx, "Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
      }
    }
  }

  private record Snapshot(double heapMb, int threads, Map<String, Integer> byPool) {
    static Snapshot take() throws InterruptedException {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(200);
      }
      Runtime rt = Runtime.getRuntime();
      double heap = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
      Map<String, Integer> pools = new TreeMap<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        pools.merge(t.getName().replaceAll("[-#]?\\d+(-\\d+)*$", ""), 1, Integer::sum);
      }
      return new Snapshot(heap, ManagementFactory.getThreadMXBean().getThreadCount(), pools);
    }
  }
}
