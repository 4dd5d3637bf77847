package org.faxserver.esl;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.faxserver.esl.codec.EslCommandEncoder;
import org.faxserver.esl.codec.EslDecodeFailureHandler;
import org.faxserver.esl.codec.EslFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound Event Socket client: connects to FreeSWITCH (port 8021), authenticates, subscribes to
 * events, runs {@code api}/{@code bgapi} commands, and keeps the connection alive.
 *
 * <pre>{@code
 * EslInboundClient client = EslInboundClient.builder(InboundClientConfig.defaults("127.0.0.1", 8021, "ClueCon"))
 *     .eventListener(event -> ...)
 *     .build();
 * client.subscribe(List.of("CHANNEL_HANGUP_COMPLETE"), List.of("spandsp::txfaxresult"));
 * client.start().join();
 * String status = client.api("status").join();
 * String result = client.bgapi("originate {origination_uuid=...}sofia/gateway/gw/123 &txfax(/x.tif)").join();
 * }</pre>
 *
 * <p><b>Correlation.</b> Replies are matched to commands in FIFO order. {@code bgapi} sends our own
 * {@code Job-UUID} and completes when the BACKGROUND_JOB event with that id arrives.
 *
 * <p><b>Subscriptions and filters</b> are remembered and re-sent after every reconnect, before the
 * client reports {@link ConnectionState#READY}. Changes made while that restore is under way are
 * sent right after it on the same connection, and all changes reach FreeSWITCH in the order they
 * were applied to the remembered sets. If a restore command gets no reply (or the write fails), the
 * connection is closed and re-established like any other lost connection. BACKGROUND_JOB (for bgapi) and HEARTBEAT (for
 * liveness) are always subscribed. Because FreeSWITCH drops every event that matches no filter once
 * any filter exists, adding the first filter also adds {@code filter Event-Name BACKGROUND_JOB} and
 * {@code filter Event-Name HEARTBEAT}; they are removed again with the last filter.
 *
 * <p><b>Reconnect.</b> When the connection drops, it is re-established with exponential backoff
 * ({@link InboundClientConfig#reconnectInitialDelay()} doubling up to
 * {@link InboundClientConfig#reconnectMaxDelay()}). Commands issued while not READY fail at once
 * with {@link EslConnectionException}; pending replies fail when the connection drops; pending
 * bgapi jobs stay pending until their timeout, because their BACKGROUND_JOB may still arrive on
 * the new connection. A refused password is terminal ({@link ConnectionState#CLOSED}).
 *
 * <p><b>Liveness.</b> An {@link IdleStateHandler} watches reads. After
 * {@link InboundClientConfig#readIdleTimeout()} without a byte, {@code api status} is sent as a
 * probe; if the next period is silent too, the connection is closed and re-established. While
 * reading is paused because the listener is behind (see below), silence is expected and not judged.
 *
 * <p><b>Threads.</b> Netty I/O runs on one event loop. Listener callbacks and future completions run
 * on a dispatch executor (by default one daemon thread owned by the client), one at a time and in
 * wire order; the I/O thread never waits for them. On overflow: reading
 * pauses at half of {@link InboundClientConfig#eventQueueCapacity()} so FreeSWITCH buffers, and
 * only if the queue still fills up are new events dropped and counted ({@link #droppedEvents()}).
 * Never block on a future of this client inside a callback.
 */
public final class EslInboundClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EslInboundClient.class);

  /** Always subscribed: bgapi completion and liveness depend on them. */
  private static final List<String> BUILT_IN_EVENTS = List.of("BACKGROUND_JOB", "HEARTBEAT");

  private final InboundClientConfig config;
  private final EslEventListener eventListener;
  private final EslConnectionListener connectionListener;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final ExecutorService ownedExecutor;
  private final EventLoop loop;
  private final SerialDispatcher dispatcher;
  private final Bootstrap bootstrap;

  private volatile ConnectionState state = ConnectionState.NEW;
  private volatile Handler current;
  private final CompletableFuture<Void> firstReady = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private int reconnectAttempt; // event loop only

  // Remembered subscriptions and filters, guarded by `this`.
  private final Set<String> events = new LinkedHashSet<>(BUILT_IN_EVENTS);
  private final Set<String> subclasses = new LinkedHashSet<>();
  private final Set<List<String>> filters = new LinkedHashSet<>();
  /**
   * The connection that has been sent the restore commands (AUTHENTICATING after the restore, or
   * READY), guarded by `this`. Changes to the sets are sent to it under the same lock.
   */
  private Handler live;

  private final ConcurrentHashMap<String, CompletableFuture<EslEvent>> jobs = new ConcurrentHashMap<>();

  private EslInboundClient(Builder b) {
    this.config = b.config;
    this.eventListener = b.eventListener;
    this.connectionListener = b.connectionListener;
    if (b.group != null) {
      this.group = b.group;
      this.ownsGroup = false;
    } else {
      this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("esl-inbound-io", true));
      this.ownsGroup = true;
    }
    Executor executor = b.executor;
    if (executor == null) {
      ownedExecutor = Executors.newSingleThreadExecutor(new DefaultThreadFactory("esl-inbound-dispatch", true));
      executor = ownedExecutor;
    } else {
      ownedExecutor = null;
    }
    this.loop = group.next();
    this.dispatcher = new SerialDispatcher("esl-inbound " + config.host() + ":" + config.port(), executor,
        config.eventQueueCapacity());
    this.bootstrap = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast("idle", new IdleStateHandler(config.readIdleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("frameDecoder", new EslFrameDecoder(config.maxHeaderSize(), config.maxBodySize()))
                .addLast("decodeFailures", EslDecodeFailureHandler.INSTANCE)
                .addLast("commandEncoder", EslCommandEncoder.INSTANCE)
                .addLast("client", new Handler());
          }
        });
  }

  /** Starts building a client. */
  public static Builder builder(InboundClientConfig config) {
    return new Builder(config);
  }

  /**
   * Connects. The future completes when the client is first READY, or fails if the password is
   * refused. Connection failures are retried with backoff, so the future may take a while.
   */
  public CompletableFuture<Void> start() {
    synchronized (this) {
      if (state != ConnectionState.NEW) {
        throw new IllegalStateException("already started: " + state);
      }
      state = ConnectionState.CONNECTING;
    }
    loop.execute(this::connect);
    return firstReady.copy();
  }

  /** Returns the current state. */
  public ConnectionState state() {
    return state;
  }

  /** Returns how many events were dropped because the listener fell too far behind. */
  public long droppedEvents() {
    return dispatcher.droppedEvents();
  }

  /**
   * Runs {@code api <command>} and returns its output (the {@code api/response} body). FreeSWITCH
   * reports errors in the body ({@code -ERR ...}), so the future fails only on transport problems
   * or the reply timeout.
   */
  public CompletableFuture<String> api(String command) {
    return sendCommand(EslCommand.api(command)).thenApply(EslFrame::bodyAsString);
  }

  /**
   * Runs {@code bgapi <command>} with a fresh {@code Job-UUID} and returns the job output, the body
   * of the BACKGROUND_JOB event (for originate: {@code +OK <uuid>\n} or {@code -ERR <CAUSE>\n}).
   */
  public CompletableFuture<String> bgapi(String command) {
    return bgapi(command, UUID.randomUUID().toString()).thenApply(EslEvent::body);
  }

  /**
   * Runs {@code bgapi <command>} with the given {@code Job-UUID} and returns the whole
   * BACKGROUND_JOB event. Fails with {@link EslCommandException} if FreeSWITCH refuses the
   * command, or with a timeout after {@link InboundClientConfig#jobTimeout()}.
   */
  public CompletableFuture<EslEvent> bgapi(String command, String jobUuid) {
    EslCommand cmd = EslCommand.bgapi(command, jobUuid);
    CompletableFuture<EslEvent> job = new CompletableFuture<>();
    if (jobs.putIfAbsent(jobUuid, job) != null) {
      throw new IllegalArgumentException("Job-UUID already pending: " + jobUuid);
    }
    job.orTimeout(config.jobTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((e, t) -> jobs.remove(jobUuid, job));
    sendCommand(cmd).whenComplete((reply, err) -> {
      if (err != null) {
        job.completeExceptionally(err);
      } else if (!reply.isOk()) {
        job.completeExceptionally(new EslCommandException("bgapi " + command, String.valueOf(reply.replyText())));
      }
    });
    return job;
  }

  /**
   * Adds event subscriptions (names like {@code CHANNEL_HANGUP_COMPLETE}, and CUSTOM subclasses like
   * {@code spandsp::txfaxresult}). Remembered for reconnects. If connected (READY, or restoring
   * after a reconnect), the full set is sent now and the future completes on {@code +OK}; otherwise
   * it completes at once and the set is sent on connect.
   */
  public CompletableFuture<Void> subscribe(Collection<String> eventNames, Collection<String> customSubclasses) {
    synchronized (this) {
      for (String e : eventNames) {
        String n = e.toUpperCase(Locale.ROOT);
        if (!n.equals("CUSTOM")) {
          events.add(n);
        }
      }
      subclasses.addAll(customSubclasses);
      return sendIfConnected(List.of(subscriptionCommand()));
    }
  }

  /**
   * Removes event subscriptions with {@code nixevent} (remembered for reconnects). BACKGROUND_JOB
   * and HEARTBEAT stay subscribed because bgapi and liveness need them.
   */
  public CompletableFuture<Void> unsubscribe(Collection<String> eventNames, Collection<String> customSubclasses) {
    List<String> nix = new ArrayList<>();
    List<String> nixSub = new ArrayList<>();
    synchronized (this) {
      for (String e : eventNames) {
        String n = e.toUpperCase(Locale.ROOT);
        if (!BUILT_IN_EVENTS.contains(n) && events.remove(n)) {
          nix.add(n);
        }
      }
      for (String sub : customSubclasses) {
        if (subclasses.remove(sub)) {
          nixSub.add(sub);
        }
      }
      if (nix.isEmpty() && nixSub.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      return sendIfConnected(List.of(EslCommand.nixevent(nix, nixSub)));
    }
  }

  /**
   * Adds {@code filter <header> <value>}: from now on FreeSWITCH only sends events matching some
   * filter. The first filter also adds the BACKGROUND_JOB and HEARTBEAT filters (see class doc).
   */
  public CompletableFuture<Void> addFilter(String header, String value) {
    List<EslCommand> cmds = new ArrayList<>();
    synchronized (this) {
      if (filters.isEmpty()) {
        for (String e : BUILT_IN_EVENTS) {
          cmds.add(EslCommand.filter("Event-Name", e));
        }
      }
      if (!filters.add(List.of(header, value))) {
        return CompletableFuture.completedFuture(null);
      }
      cmds.add(EslCommand.filter(header, value));
      return sendIfConnected(cmds);
    }
  }

  /** Removes a filter added with {@link #addFilter}; the last one also removes the built-in filters. */
  public CompletableFuture<Void> deleteFilter(String header, String value) {
    List<EslCommand> cmds = new ArrayList<>();
    synchronized (this) {
      if (!filters.remove(List.of(header, value))) {
        return CompletableFuture.completedFuture(null);
      }
      cmds.add(EslCommand.filterDelete(header, value));
      if (filters.isEmpty()) {
        for (String e : BUILT_IN_EVENTS) {
          cmds.add(EslCommand.filterDelete("Event-Name", e));
        }
      }
      return sendIfConnected(cmds);
    }
  }

  /**
   * Sends any command and returns its raw reply frame. Fails fast with
   * {@link EslConnectionException} unless READY. Prefer the typed methods.
   */
  public CompletableFuture<EslFrame> sendCommand(EslCommand command) {
    Objects.requireNonNull(command, "command");
    Handler h = current;
    if (state != ConnectionState.READY || h == null) {
      return CompletableFuture.failedFuture(new EslConnectionException("not connected (" + state + ")"));
    }
    return h.send(command, false, config.replyTimeout());
  }

  /** Closes the connection (sending {@code exit} if READY) and releases owned threads. */
  public CompletableFuture<Void> closeAsync() {
    ConnectionState before;
    synchronized (this) {
      before = state;
      if (before == ConnectionState.CLOSED && closed.isDone()) {
        return closed.copy();
      }
      state = ConnectionState.CLOSED;
      live = null;
    }
    // Through the dispatcher, so an authentication failure queued before wins.
    dispatcher.submit(() -> firstReady.completeExceptionally(new EslConnectionException("client closed")));
    EslConnectionException gone = new EslConnectionException("client closed");
    jobs.values().forEach(j -> j.completeExceptionally(gone));
    Handler h = current;
    CompletableFuture<Void> channelClosed = new CompletableFuture<>();
    if (h != null && h.channel != null && h.channel.isActive()) {
      Channel ch = h.channel;
      CompletableFuture<EslFrame> bye = before == ConnectionState.READY
          ? h.send(EslCommand.exit(), true, java.time.Duration.ofSeconds(2))
          : CompletableFuture.completedFuture(null);
      bye.whenComplete((f, t) -> ch.close());
      ch.closeFuture().addListener(f -> channelClosed.complete(null));
    } else {
      channelClosed.complete(null);
    }
    channelClosed.whenComplete((v, t) -> {
      if (ownsGroup) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
      }
      if (ownedExecutor != null) {
        // Let already queued callbacks (the disconnect notification) run, then stop.
        dispatcher.submit(ownedExecutor::shutdown);
      }
      closed.complete(null);
    });
    return closed.copy();
  }

  /** Closes and waits up to 5 seconds. */
  @Override
  public void close() {
    try {
      closeAsync().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Closing the ESL client did not finish cleanly: {}", e.toString());
    }
  }

  // ------------------------------------------------------------------ internals

  private EslCommand subscriptionCommand() {
    return EslCommand.event(EventFormat.PLAIN, events, subclasses);
  }

  /**
   * Sends a change of the sets to the connection that has been restored (completing on all
   * {@code +OK}), or does nothing (completing at once) when there is none: the next restore sends
   * the sets. Must be called holding `this`, right after changing the sets, so that the commands
   * are queued in the same order as the changes and after the restore commands. Queuing is cheap:
   * the writes run on the event loop.
   */
  private CompletableFuture<Void> sendIfConnected(List<EslCommand> cmds) {
    assert Thread.holdsLock(this);
    Handler h = live;
    if (h == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<?>[] all = cmds.stream()
        .map(c -> EslConnection.requireOk(h.sendQueued(c, false, config.replyTimeout()), c))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all);
  }

  private void connect() {
    synchronized (this) {
      if (state == ConnectionState.CLOSED) {
        return;
      }
      state = ConnectionState.CONNECTING;
    }
    ChannelFuture f = bootstrap.connect(config.host(), config.port());
    f.addListener(done -> {
      if (!done.isSuccess()) {
        log.warn("Cannot connect to FreeSWITCH {}:{}: {}", config.host(), config.port(), done.cause().toString());
        scheduleReconnect();
      }
    });
  }

  private void scheduleReconnect() {
    synchronized (this) {
      if (state == ConnectionState.CLOSED) {
        return;
      }
      state = ConnectionState.DISCONNECTED;
    }
    long initial = config.reconnectInitialDelay().toMillis();
    long max = config.reconnectMaxDelay().toMillis();
    int shift = Math.min(reconnectAttempt++, 20);
    long delay = Math.min(max, initial << shift);
    log.info("Reconnecting to FreeSWITCH {}:{} in {} ms (attempt {})", config.host(), config.port(), delay,
        reconnectAttempt);
    loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  /** Restores subscription and filters on a fresh connection, then reports READY. */
  private void restore(Handler h) {
    List<EslCommand> cmds = new ArrayList<>();
    CompletableFuture<?>[] replies;
    synchronized (this) {
      if (current != h || state != ConnectionState.AUTHENTICATING) {
        return; // closed meanwhile
      }
      cmds.add(subscriptionCommand());
      if (!filters.isEmpty()) {
        for (String e : BUILT_IN_EVENTS) {
          cmds.add(EslCommand.filter("Event-Name", e));
        }
        for (List<String> f : filters) {
          cmds.add(EslCommand.filter(f.get(0), f.get(1)));
        }
      }
      // All commands are pipelined; replies come back in order. Queued under the lock, so any
      // change made after this copy of the sets is queued behind them (see sendIfConnected).
      replies = cmds.stream()
          .map(c -> h.sendQueued(c, true, config.replyTimeout()).thenAccept(r -> {
            if (!r.isOk()) {
              log.error("FreeSWITCH refused '{}' while restoring subscriptions: {}", c.line(), r.replyText());
            }
          }))
          .toArray(CompletableFuture[]::new);
      live = h;
    }
    CompletableFuture.allOf(replies).whenComplete((v, t) -> loop.execute(() -> {
      synchronized (EslInboundClient.this) {
        if (current != h || state != ConnectionState.AUTHENTICATING) {
          return; // the connection went away meanwhile; channelInactive takes care of it
        }
        if (t != null) {
          // Without the subscriptions the connection is useless, and nothing else would ever
          // leave AUTHENTICATING: drop it, channelInactive schedules the reconnect.
          log.warn("Restoring subscriptions on {} failed ({}); reconnecting", h.channel, t.toString());
          h.channel.close();
          return;
        }
        state = ConnectionState.READY;
      }
      reconnectAttempt = 0;
      log.info("ESL connection to {}:{} ready", config.host(), config.port());
      dispatcher.submit(() -> {
        firstReady.complete(null);
        connectionListener.onConnected();
      });
    }));
  }

  private void authenticationFailed(Handler h, String why) {
    log.error("FreeSWITCH {}:{} refused us: {}; not reconnecting", config.host(), config.port(), why);
    EslAuthenticationException e = new EslAuthenticationException(why);
    synchronized (this) {
      state = ConnectionState.CLOSED;
    }
    dispatcher.submit(() -> {
      firstReady.completeExceptionally(e);
      connectionListener.onDisconnected(e);
    });
    h.channel.close();
    closeAsync();
  }

  /** Per-connection handler; a new one per reconnect. */
  private final class Handler extends EslConnection {
    private boolean probeSent;

    Handler() {
      super(EslInboundClient.this.dispatcher);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      super.channelActive(ctx);
      current = this;
      synchronized (EslInboundClient.this) {
        if (state == ConnectionState.CLOSED) {
          ctx.close();
          return;
        }
        state = ConnectionState.AUTHENTICATING;
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      probeSent = false;
      super.channelRead(ctx, msg);
    }

    @Override
    protected void onEvent(EslEvent event) {
      if (event.is("BACKGROUND_JOB")) {
        String id = event.jobUuid();
        CompletableFuture<EslEvent> job = id == null ? null : jobs.remove(id);
        if (job != null) {
          dispatcher.submit(() -> job.complete(event));
        }
      }
      dispatcher.offerEvent(() -> eventListener.onEvent(event));
    }

    @Override
    protected void onOtherFrame(ChannelHandlerContext ctx, EslFrame frame) {
      switch (frame.contentType()) {
        case AUTH_REQUEST -> send(EslCommand.auth(config.password()), true, config.replyTimeout())
            .whenComplete((reply, err) -> {
              if (err != null) {
                log.warn("No auth reply from {}: {}", ctx.channel(), err.toString());
                ctx.close();
              } else if (reply.isOk()) {
                restore(this);
              } else {
                authenticationFailed(this, "authentication failed: " + reply.replyText());
              }
            });
        case RUDE_REJECTION -> authenticationFailed(this, "rejected by the FreeSWITCH ACL: "
            + frame.bodyAsString().strip());
        case DISCONNECT_NOTICE -> log.info("FreeSWITCH {} says goodbye: {}", ctx.channel(),
            frame.bodyAsString().strip());
        case LOG_DATA -> log.debug("FreeSWITCH log: {}", frame.bodyAsString().strip());
        default -> log.warn("Ignoring unexpected frame on {}: {}", ctx.channel(), frame);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
        if (readingPaused()) {
          // We stopped reading ourselves (the listener is behind): the silence says nothing about
          // FreeSWITCH, and a probe reply could not be read. Judge again once reading resumed.
          probeSent = false;
          return;
        }
        if (probeSent) {
          log.warn("FreeSWITCH {} silent for two read-idle periods; reconnecting", ctx.channel());
          ctx.close();
        } else if (state == ConnectionState.READY) {
          probeSent = true;
          send(EslCommand.api("status"), true, null);
        } else {
          probeSent = true;
        }
        return;
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void onClosed() {
      if (current == this) {
        current = null;
      }
      synchronized (EslInboundClient.this) {
        if (live == this) {
          live = null;
        }
      }
      ConnectionState s = state;
      if (s == ConnectionState.CLOSED) {
        return;
      }
      boolean wasReady = s == ConnectionState.READY;
      log.warn("ESL connection to {}:{} lost (state {})", config.host(), config.port(), s);
      if (wasReady) {
        EslConnectionException e = new EslConnectionException("connection to FreeSWITCH lost");
        dispatcher.submit(() -> connectionListener.onDisconnected(e));
      }
      scheduleReconnect();
    }
  }

  /** Builds an {@link EslInboundClient}. */
  public static final class Builder {
    private final InboundClientConfig config;
    private EslEventListener eventListener = EslEventListener.NONE;
    private EslConnectionListener connectionListener = EslConnectionListener.NONE;
    private EventLoopGroup group;
    private Executor executor;

    private Builder(InboundClientConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Receives every subscribed event (default: none). */
    public Builder eventListener(EslEventListener listener) {
      this.eventListener = Objects.requireNonNull(listener);
      return this;
    }

    /** Learns about connects and disconnects (default: none). */
    public Builder connectionListener(EslConnectionListener listener) {
      this.connectionListener = Objects.requireNonNull(listener);
      return this;
    }

    /** Shares an existing Netty group (not shut down by the client); default: a private one-thread group. */
    public Builder eventLoopGroup(EventLoopGroup group) {
      this.group = Objects.requireNonNull(group);
      return this;
    }

    /** Runs callbacks on this executor (not shut down by the client); default: a private daemon thread. */
    public Builder dispatchExecutor(Executor executor) {
      this.executor = Objects.requireNonNull(executor);
      return this;
    }

    /** Builds the client; call {@link EslInboundClient#start()} to connect. */
    public EslInboundClient build() {
      return new EslInboundClient(this);
    }
  }
}
