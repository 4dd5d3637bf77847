package org.faxserver.testkit.freeswitch;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A FreeSWITCH stand-in for tests: an inbound Event Socket (auth, api/bgapi, events, filters,
 * sendmsg...) with FreeSWITCH 1.10's exact bytes, originate with per-number {@link Scenario}s,
 * inbound calls dialed to an outbound-socket server, a {@code loopback} gateway, mod_db, and faxes
 * through the real spandsp T.30 engine.
 *
 * <pre>{@code
 * try (FreeSwitchStandIn fs = FreeSwitchStandIn.start(StandInConfig.defaults())) {
 *     fs.scenario("15550001", Scenario.busy());
 *     // connect an ESL client to fs.host():fs.port(), password "ClueCon"
 * }
 * }</pre>
 */
public final class FreeSwitchStandIn implements AutoCloseable {

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** The FreeSWITCH version the stand-in imitates (captures were taken from this one). */
    public static final String VERSION = "1.10.12-release~64bit";

    final StandInConfig config;
    final SwitchCore core;
    final ChannelEvents events;
    final FaxEvents faxEvents;
    final ApiCommands api;
    // named so a benchmark can tell the stand-in's CPU from the services' (PipelineBenchmark)
    private final EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("fs-standin-io"));
    private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
    private volatile Scenario defaultScenario = Scenario.success();
    private final Map<String, OutboundCall> outbound = new ConcurrentHashMap<>();
    private final Map<String, InboundCall> inbound = new ConcurrentHashMap<>();
    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    private final List<Consumer<CallRecord>> callListeners = new CopyOnWriteArrayList<>();
    private Channel server;

    private FreeSwitchStandIn(StandInConfig config) {
        this.config = config.workDir() != null ? config : config.withWorkDir(tempDir());
        this.core = new SwitchCore(config.hostname());
        this.events = new ChannelEvents(core);
        this.faxEvents = new FaxEvents(events);
        this.api = new ApiCommands(this);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fs-standin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts listening on the configured inbound ESL port. Unless disabled in the config, the
     * native T.30 helper is built first, so a missing libspandsp-dev fails here with install hints.
     */
    public static FreeSwitchStandIn start(StandInConfig config) {
        if (config.nativeFax()) {
            FaxSimBinary.path();
        }
        FreeSwitchStandIn fs = new FreeSwitchStandIn(config);
        fs.bind();
        return fs;
    }

    private void bind() {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new EslCommandDecoder(), new EslSession(FreeSwitchStandIn.this, null));
                    }
                });
        server = b.bind(config.host(), config.port()).syncUninterruptibly().channel();
        long hb = config.heartbeatInterval().toMillis();
        core.scheduler.scheduleAtFixedRate(() -> core.fire(core.heartbeat()), hb, hb, TimeUnit.MILLISECONDS);
    }

    /** Inbound ESL host. */
    public String host() {
        return config.host();
    }

    /** Inbound ESL port (the bound one if 0 was configured). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The {@code auth} password. */
    public String password() {
        return config.password();
    }

    /** Chooses what the far end does for calls to this destination number. */
    public FreeSwitchStandIn scenario(String number, Scenario scenario) {
        scenarios.put(number, scenario);
        return this;
    }

    /** The scenario for numbers without their own (initially {@link Scenario#success()}). */
    public FreeSwitchStandIn defaultScenario(Scenario scenario) {
        this.defaultScenario = scenario;
        return this;
    }

    /** Every call seen so far (originated and inbound), oldest first. */
    public List<CallRecord> calls() {
        return new ArrayList<>(calls);
    }

    /**
     * Calls {@code listener} with every call from now on, in or out, on the thread that creates it (as its
     * originate or inbound call starts; keep it short). Cheaper than polling {@link #calls()}, which copies them all.
     */
    public void onNewCall(Consumer<CallRecord> listener) {
        callListeners.add(listener);
    }

    private void record(CallRecord call) {
        calls.add(call);
        callListeners.forEach(l -> l.accept(call));
    }

    /** The call with this Unique-ID, or null. */
    public CallRecord call(String uuid) {
        return calls.stream().filter(c -> c.uuid().equals(uuid)).findFirst().orElse(null);
    }

    /** Waits for the first call (in or out) to this destination number. */
    public CallRecord awaitCallTo(String number, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (CallRecord c : calls) {
                if (c.number().equals(number)) {
                    return c;
                }
            }
            sleep(10);
        }
        throw new IllegalStateException("no call to " + number + " within " + timeout);
    }

    /** The TIFF received by the far end of call {@code uuid} (see {@link CallRecord#receivedTiff()}). */
    public Path receivedTiff(String uuid) {
        CallRecord c = call(uuid);
        return c == null ? null : c.receivedTiff();
    }

    /** A copy of mod_db's contents: realm -> key -> value. */
    public Map<String, Map<String, String>> db() {
        return core.db.snapshot();
    }

    /** Number of channels currently up (as {@code show channels} counts them). */
    public int activeChannels() {
        return core.channels.size();
    }

    /** Delivers an inbound call to the outbound-socket server (the spec's target or the configured one). */
    public CallRecord dialInbound(InboundCallSpec spec) {
        InboundCall call = newInboundCall(spec, null);
        call.start();
        return call.record;
    }

    InboundCall newInboundCall(InboundCallSpec spec, LoopbackLink link) {
        InetSocketAddress target = spec.target() != null ? spec.target() : config.outboundSocket();
        if (target == null) {
            throw new IllegalStateException("no outbound-socket address configured (StandInConfig.withOutboundSocket)");
        }
        InboundCallSpec s = spec.scenario() != null ? spec : spec.scenario(scenarios.getOrDefault(spec.to(), defaultScenario));
        InboundCall call = new InboundCall(this, s.target(target), link, target.getHostString(), target.getPort());
        inbound.put(call.uuid(), call);
        record(call.record);
        return call;
    }

    void connectOutbound(InboundCall call, InetSocketAddress target) {
        new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new EslCommandDecoder(), new EslSession(FreeSwitchStandIn.this, call));
                    }
                })
                .connect(target).addListener(f -> {
                    if (!f.isSuccess()) {
                        call.connectFailed();
                    }
                });
    }

    /** api originate: {@code done} gets "+OK uuid\n" on answer or "-ERR CAUSE\n". */
    void originate(String args, Consumer<String> done) {
        OriginateCommand cmd;
        try {
            cmd = OriginateCommand.parse(args);
        } catch (IllegalArgumentException e) {
            done.accept(e.getMessage() + "\n");
            return;
        }
        if (cmd.gateway() != null && !config.gateways().isEmpty() && !config.gateways().contains(cmd.gateway())
                && !"loopback".equals(cmd.gateway())) {
            done.accept("-ERR INVALID_GATEWAY\n");
            return;
        }
        Scenario sc = scenarios.getOrDefault(cmd.number(), defaultScenario);
        String uuid = cmd.variables().get("origination_uuid");
        if (uuid != null && core.channels.containsKey(uuid)) {
            done.accept("-ERR SUCCESS\n"); // FreeSWITCH refuses a duplicate origination_uuid
            return;
        }
        Path remote = config.workDir().resolve((uuid == null ? "call-" + System.nanoTime() : uuid) + "-received.tif");
        OutboundCall call = new OutboundCall(this, cmd, sc, remote);
        if ("loopback".equals(cmd.gateway())) {
            call.link = new LoopbackLink(this, call);
        }
        outbound.put(call.ch.uuid, call);
        record(call.record);
        call.result.thenAccept(done);
        call.start();
    }

    /** A reply plus what to do once it is queued, so follow-up frames can never overtake the reply. */
    record Dispatch(String reply, Runnable then) {
    }

    /**
     * uuid_kill: fires CHANNEL_HANGUP now and returns the rest of the teardown (null if no such
     * channel). The caller runs it after the api output, so BACKGROUND_JOB(+OK) precedes
     * txfaxresult as in capture send-hangup-midfax.
     */
    Runnable kill(String uuid, String cause) {
        OutboundCall o = outbound.get(uuid);
        if (o != null) {
            return o.kill(cause);
        }
        InboundCall i = inbound.get(uuid);
        return i == null ? null : i.beginHangup(cause);
    }

    Dispatch sendmsg(String uuid, EslCommand c) {
        InboundCall i = inbound.get(uuid);
        if (i != null && core.channels.containsKey(uuid)) {
            return new Dispatch("+OK", i.sendmsg(c));
        }
        OutboundCall o = outbound.get(uuid);
        if (o != null && core.channels.containsKey(uuid)) {
            Runnable then = () -> { };
            if ("hangup".equalsIgnoreCase(c.header("call-command"))) {
                String cause = c.header("hangup-cause");
                then = () -> core.async(() -> {
                    Runnable rest = o.kill(cause == null ? "NORMAL_CLEARING" : cause);
                    if (rest != null) {
                        rest.run();
                    }
                });
            }
            return new Dispatch("+OK", then);
        }
        return new Dispatch("-ERR invalid session id [" + uuid + "]", () -> { });
    }

    String gatewayStatus(String name) {
        if (!config.gateways().isEmpty() && !config.gateways().contains(name) && !"loopback".equals(name)) {
            return "Invalid Gateway!\n";
        }
        String line = "=================================================================================================\n";
        return line + "Name    \t" + name + "\nProfile \texternal\nScheme  \tDigest\nRealm   \t" + name
                + "\nUsername\tfaxserver\nPassword\tno\nFrom    \t<sip:faxserver@" + name + ">\nContact \t<sip:gw+" + name
                + "@127.0.0.1:5080;transport=udp;gw=" + name + ">\nExten   \tfaxserver\nTo      \tsip:faxserver@" + name
                + "\nProxy   \tsip:" + name + "\nContext \tpublic\nExpires \t3600\nFreq    \t3600\nPing    \t0\nPingFreq\t0"
                + "\nPingTime\t0.00\nPingState\t0/0/0\nState   \tNOREG\nStatus  \tUP\nUptime  \t"
                + (System.currentTimeMillis() - core.startMillis) / 1000 + "s\nCallsIN \t0\nCallsOUT\t0"
                + "\nFailedCallsIN\t0\nFailedCallsOUT\t0\n" + line;
    }

    String sofiaStatus() {
        String line = "=================================================================================================\n";
        StringBuilder sb = new StringBuilder("                     Name\t   Type\t                                      Data\tState\n").append(line);
        sb.append("                 external\tprofile\t                 sip:mod_sofia@127.0.0.1:5080\tRUNNING (0)\n");
        for (String g : config.gateways()) {
            sb.append("       external::").append(g).append("\tgateway\t   sip:faxserver@").append(g).append("\tNOREG\n");
        }
        return sb.append(line).append("1 profile 0 alias\n").toString();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops every connection and stops listening, like a FreeSWITCH going away. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (EslSession s : core.sessions) {
            s.disconnect();
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        core.shutdown();
    }
}
