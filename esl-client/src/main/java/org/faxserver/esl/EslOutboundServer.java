package org.faxserver.esl;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.faxserver.esl.codec.EslCommandEncoder;
import org.faxserver.esl.codec.EslDecodeFailureHandler;
import org.faxserver.esl.codec.EslFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound-socket server: the TCP endpoint FreeSWITCH's dialplan {@code socket host:port async full}
 * connects to, one connection per call.
 *
 * <p>For each connection the server sends {@code connect}, waits for the CHANNEL_DATA reply and
 * hands an {@link OutboundSession} to the {@link OutboundSessionHandler}. There is no thread per
 * call: sockets live on a few Netty event loops and callbacks run on a shared dispatch executor
 * (by default {@code max(2, cores)} daemon threads owned by the server), serially per session.
 *
 * <pre>{@code
 * EslOutboundServer server = EslOutboundServer.builder(OutboundServerConfig.defaults("10.0.0.2", 8084)
 *     .withAllowedPeers(List.of("10.0.0.5")), session -> { ... }).build();
 * InetSocketAddress bound = server.start();
 * }</pre>
 *
 * <p><b>Who may connect.</b> Every accepted peer is treated as FreeSWITCH and its CHANNEL_DATA is
 * believed. Bind to the address FreeSWITCH dials and list FreeSWITCH in
 * {@link OutboundServerConfig#allowedPeers()} (empty allows everyone): other peers are closed at once,
 * before anything is sent. Beyond {@link OutboundServerConfig#maxSessions()} open call sockets, new
 * connections are closed at once as well; both are logged.
 */
public final class EslOutboundServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EslOutboundServer.class);

  private final OutboundServerConfig config;
  private final OutboundSessionHandler handler;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final boolean ownsGroups;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final PeerAllowList allowedPeers;
  private final AtomicInteger activeSessions = new AtomicInteger();
  /** Every accepted call socket, so close() reaches them even when the groups are shared. */
  private final ChannelGroup children = new DefaultChannelGroup("esl-outbound-calls", GlobalEventExecutor.INSTANCE);
  private volatile boolean stopped;
  private volatile Channel serverChannel;

  private EslOutboundServer(Builder b) {
    this.config = b.config;
    this.handler = b.handler;
    this.allowedPeers = PeerAllowList.parse(config.allowedPeers());
    if (b.workerGroup != null) {
      this.bossGroup = b.bossGroup;
      this.workerGroup = b.workerGroup;
      this.ownsGroups = false;
    } else {
      this.bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("esl-outbound-accept", true));
      this.workerGroup = new NioEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("esl-outbound-io", true));
      this.ownsGroups = true;
    }
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownedExecutor = null;
    } else {
      this.ownedExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
          new DefaultThreadFactory("esl-outbound-dispatch", true));
      this.executor = ownedExecutor;
    }
  }

  /** Starts building a server. */
  public static Builder builder(OutboundServerConfig config, OutboundSessionHandler handler) {
    return new Builder(config, handler);
  }

  /** Binds and starts accepting; returns the bound address (useful with port 0). */
  public synchronized InetSocketAddress start() throws InterruptedException {
    if (serverChannel != null) {
      throw new IllegalStateException("already started");
    }
    ServerBootstrap b = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            children.add(ch); // removed again when it closes
            if (stopped) {
              ch.close();
              return;
            }
            ch.pipeline()
                .addLast("frameDecoder", new EslFrameDecoder(config.maxHeaderSize(), config.maxBodySize()))
                .addLast("decodeFailures", EslDecodeFailureHandler.INSTANCE)
                .addLast("commandEncoder", EslCommandEncoder.INSTANCE)
                .addLast("session", new OutboundConnection(config, handler, executor, EslOutboundServer.this));
          }
        });
    serverChannel = b.bind(config.bindHost(), config.port()).sync().channel();
    InetSocketAddress addr = (InetSocketAddress) serverChannel.localAddress();
    log.info("ESL outbound server listening on {}", addr);
    return addr;
  }

  /** Returns the bound address, or {@code null} before {@link #start()}. */
  public InetSocketAddress localAddress() {
    Channel ch = serverChannel;
    return ch == null ? null : (InetSocketAddress) ch.localAddress();
  }

  /** Returns the number of open call sockets. */
  public int activeSessions() {
    return activeSessions.get();
  }

  /**
   * Decides on a new call socket (event loop, before anything is sent): {@code false} if the peer
   * is not in the allow-list or {@link OutboundServerConfig#maxSessions()} sockets are open. An
   * admitted socket counts as active until {@link #sessionClosed()}.
   */
  boolean admit(Channel ch) {
    if (!allowedPeers.allows(ch.remoteAddress())) {
      log.warn("Refusing outbound-socket connection from {}: not in allowedPeers", ch.remoteAddress());
      return false;
    }
    while (true) {
      int n = activeSessions.get();
      if (n >= config.maxSessions()) {
        log.warn("Refusing outbound-socket connection from {}: {} sessions open (maxSessions)", ch.remoteAddress(), n);
        return false;
      }
      if (activeSessions.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void sessionClosed() {
    activeSessions.decrementAndGet();
  }

  /**
   * Stops accepting, closes every call socket (also with shared event-loop groups; no {@code exit}
   * is sent, the sessions end with {@link SessionEnd.Reason#CONNECTION_CLOSED}) and releases owned
   * threads.
   */
  @Override
  public void close() {
    stopped = true;
    Channel ch = serverChannel;
    if (ch != null) {
      ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    children.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (ownsGroups) {
      bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
      workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  /** Builds an {@link EslOutboundServer}. */
  public static final class Builder {
    private final OutboundServerConfig config;
    private final OutboundSessionHandler handler;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Executor executor;

    private Builder(OutboundServerConfig config, OutboundSessionHandler handler) {
      this.config = Objects.requireNonNull(config, "config");
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Shares existing Netty groups (not shut down by the server). */
    public Builder eventLoopGroups(EventLoopGroup boss, EventLoopGroup worker) {
      this.bossGroup = Objects.requireNonNull(boss);
      this.workerGroup = Objects.requireNonNull(worker);
      return this;
    }

    /** Runs session callbacks on this executor (not shut down by the server). */
    public Builder dispatchExecutor(Executor executor) {
      this.executor = Objects.requireNonNull(executor);
      return this;
    }

    /** Builds the server; call {@link EslOutboundServer#start()} to listen. */
    public EslOutboundServer build() {
      return new EslOutboundServer(this);
    }
  }
}
