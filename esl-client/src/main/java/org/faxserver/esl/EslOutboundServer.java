package org.faxserver.esl;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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
 * EslOutboundServer server = EslOutboundServer.builder(OutboundServerConfig.defaults("0.0.0.0", 8084),
 *     session -> { ... }).build();
 * InetSocketAddress bound = server.start();
 * }</pre>
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
  private final AtomicInteger activeSessions = new AtomicInteger();
  private volatile Channel serverChannel;

  private EslOutboundServer(Builder b) {
    this.config = b.config;
    this.handler = b.handler;
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

  void sessionOpened() {
    activeSessions.incrementAndGet();
  }

  void sessionClosed() {
    activeSessions.decrementAndGet();
  }

  /** Stops accepting, closes every socket and releases owned threads. */
  @Override
  public void close() {
    Channel ch = serverChannel;
    if (ch != null) {
      ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
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
