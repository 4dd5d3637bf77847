package org.faxserver.testkit.freeswitch;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One ESL connection: an inbound client (auth required) or the outbound socket of a channel
 * (pre-authenticated, starts with {@code connect}). Replies use mod_event_socket's exact texts;
 * commands are answered in order, while events are written as they are fired.
 */
final class EslSession extends SimpleChannelInboundHandler<EslCommand> {

    static final String GOODBYE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

    private final FreeSwitchStandIn fs;
    private final InboundCall bound;
    final EventSubscription sub = new EventSubscription();
    private volatile Channel channel;
    private volatile boolean authed;
    private volatile boolean closed;
    private boolean connected;
    private boolean myEventsOn;
    /** -1: no linger; 0: linger forever; n: seconds. */
    volatile int linger = -1;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    EslSession(FreeSwitchStandIn fs, InboundCall bound) {
        this.fs = fs;
        this.bound = bound;
        this.authed = bound != null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        fs.core.sessions.add(this);
        if (bound == null) {
            write("Content-Type: auth/request\n\n");
        } else {
            bound.attached(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        fs.core.sessions.remove(this);
        if (bound != null) {
            bound.socketClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, EslCommand cmd) {
        if (bound != null) {
            bound.commandArrived(cmd);
        }
        // Commands are processed one after the other, like FreeSWITCH's listener thread: a slow
        // api (blocking originate) delays the next command but not event delivery.
        chain = chain.thenCompose(v -> closed ? CompletableFuture.completedFuture(null) : handle(cmd))
                .exceptionally(t -> {
                    reply("-ERR " + t.getMessage());
                    return null;
                });
    }

    void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every write (reply or event, from any thread) goes through the event loop's task queue, so
     * frames leave in the order they were produced: a write made directly on the event loop
     * could otherwise overtake events still queued by a call thread.
     */
    private void write(byte[] bytes) {
        Channel c = channel;
        if (c != null && !closed) {
            c.eventLoop().execute(() -> c.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
        }
    }

    void reply(String text) {
        write("Content-Type: command/reply\nReply-Text: " + text + "\n\n");
    }

    /** Called by the core for every fired event. */
    void offer(EslEvent e) {
        if (closed || !authed || (bound != null && !connected)) {
            return;
        }
        if (bound != null && "CHANNEL_DESTROY".equals(e.name()) && bound.uuid().equals(e.header("Unique-ID"))) {
            return; // the socket is gone before the channel is destroyed (capture note 11)
        }
        if (sub.accepts(e)) {
            write(e.frame(sub.format));
        }
    }

    /** Sends the disconnect notice and closes, like FreeSWITCH on exit, auth failure or hangup. */
    void disconnect() {
        String head = bound == null ? "Content-Type: text/disconnect-notice\n"
                : "Content-Type: text/disconnect-notice\nControlled-Session-UUID: " + bound.uuid() + "\nContent-Disposition: disconnect\n";
        Channel c = channel;
        if (c != null && !closed) {
            byte[] notice = (head + "Content-Length: 67\n\n" + GOODBYE).getBytes(StandardCharsets.UTF_8);
            c.eventLoop().execute(() -> c.writeAndFlush(Unpooled.wrappedBuffer(notice)).addListener(ChannelFutureListener.CLOSE));
        }
        closed = true;
    }

    private CompletableFuture<Void> handle(EslCommand c) {
        String line = c.line();
        String lower = line.toLowerCase(Locale.ROOT);
        if (bound != null && lower.startsWith("connect")) {
            connected = true;
            write(bound.connectReply());
            return done();
        }
        if (!authed) {
            if (lower.startsWith("auth ")) {
                if (line.substring(5).trim().equals(fs.config.password())) {
                    authed = true;
                    reply("+OK accepted");
                } else {
                    reply("-ERR invalid");
                    disconnect();
                }
            } else {
                reply("-ERR command not found");
            }
            return done();
        }
        if (lower.startsWith("exit") || lower.startsWith("...")) {
            reply("+OK bye");
            disconnect();
            return done();
        }
        if (lower.startsWith("api ")) {
            return api(line.substring(4).trim());
        }
        if (lower.startsWith("bgapi ")) {
            bgapi(line.substring(6).trim(), c.header("Job-UUID"));
            return done();
        }
        if (lower.startsWith("sendmsg")) {
            String uuid = line.length() > 7 ? line.substring(7).trim() : "";
            if (uuid.isEmpty()) {
                uuid = c.header("session-id") != null ? c.header("session-id") : bound != null ? bound.uuid() : "";
            }
            FreeSwitchStandIn.Dispatch d = fs.sendmsg(uuid, c);
            reply(d.reply());
            d.then().run();
            return done();
        }
        if (lower.startsWith("filter")) {
            filter(line);
        } else if (lower.startsWith("nixevent")) {
            String[] t = line.split(" +");
            reply(sub.apply(t, 1, false) ? "+OK events nixed" : "-ERR no keywords supplied");
        } else if (lower.startsWith("noevents")) {
            boolean was = sub.listening();
            sub.clear();
            reply(was ? "+OK no longer listening for events" : "-ERR not listening for events");
        } else if (lower.startsWith("event")) {
            event(line);
        } else if (lower.startsWith("myevents")) {
            myevents(line);
        } else if (lower.startsWith("nolinger")) {
            linger = -1;
            reply(bound == null ? "-ERR not controlling a session" : "+OK will not linger");
        } else if (lower.startsWith("linger")) {
            linger(line);
        } else if (lower.startsWith("getvar")) {
            String v = bound == null ? null : bound.channel().var(line.substring(6).trim());
            reply(v == null || v.isEmpty() ? "-ERR command not found" : v);
        } else if (lower.startsWith("resume")) {
            reply(bound == null ? "-ERR command not found" : "+OK");
        } else if (lower.startsWith("divert_events")) {
            reply(lower.contains("on") ? "+OK events diverted" : "+OK events not diverted");
        } else if (lower.startsWith("nolog")) {
            reply("+OK no longer logging");
        } else if (lower.startsWith("log")) {
            String level = line.length() > 3 ? line.substring(3).trim() : "";
            String n = level.matches("\\d+") ? level : "7";
            reply("+OK log level " + (level.isEmpty() ? n : level) + " [" + n + "]");
        } else if (lower.startsWith("sendevent")) {
            sendevent(line, c);
        } else {
            reply("-ERR command not found");
        }
        return done();
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> api(String text) {
        CompletableFuture<Void> replied = new CompletableFuture<>();
        fs.api.execute(text, out -> {
            String body = out == null || out.isEmpty() ? "-ERR no reply\n" : out;
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            write("Content-Type: api/response\nContent-Length: " + b.length + "\n\n" + body);
            replied.complete(null);
        });
        return replied;
    }

    private void bgapi(String text, String requested) {
        String job = requested != null && !requested.isBlank() ? requested.trim() : UUID.randomUUID().toString();
        write("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job + "\nJob-UUID: " + job + "\n\n");
        int sp = text.indexOf(' ');
        String cmd = sp < 0 ? text : text.substring(0, sp);
        String args = sp < 0 ? "" : text.substring(sp + 1);
        fs.api.execute(text, out -> fs.core.fire(fs.core.event("BACKGROUND_JOB", "mod_event_socket.c", "api_exec", 1572)
                .add("Job-UUID", job).add("Job-Command", cmd).add("Job-Command-Arg", args)
                .body(out == null || out.isEmpty() ? "-ERR no reply\n" : out)));
    }

    private void event(String line) {
        String[] t = line.split(" +");
        int from = 1;
        String fmt = "plain";
        if (t.length > 1 && (t[1].equalsIgnoreCase("plain") || t[1].equalsIgnoreCase("json") || t[1].equalsIgnoreCase("xml"))) {
            fmt = t[1].toLowerCase(Locale.ROOT);
            from = 2;
        }
        if (!sub.apply(t, from, true)) {
            reply("-ERR no keywords supplied");
            return;
        }
        // xml is accepted but serialized as plain (not used by the project)
        sub.format = fmt;
        reply("+OK event listener enabled " + fmt);
    }

    private void myevents(String line) {
        String[] t = line.split(" +");
        String uuid;
        String fmt = "plain";
        if (bound != null) {
            uuid = bound.uuid();
            if (t.length > 1) {
                fmt = t[1].toLowerCase(Locale.ROOT);
            }
        } else {
            uuid = t.length > 1 ? t[1] : null;
            if (uuid == null || !fs.core.channels.containsKey(uuid)) {
                reply("-ERR invalid uuid");
                return;
            }
            if (t.length > 2) {
                fmt = t[2].toLowerCase(Locale.ROOT);
            }
        }
        if (myEventsOn) {
            reply("-ERR aready enabled.");
            return;
        }
        myEventsOn = true;
        sub.format = fmt;
        sub.myEvents(uuid);
        reply("+OK Events Enabled");
    }

    private void linger(String line) {
        if (bound == null) {
            reply("-ERR not controlling a session");
            return;
        }
        String arg = line.substring(6).trim();
        if (arg.matches("\\d+") && Integer.parseInt(arg) > 0) {
            linger = Integer.parseInt(arg);
            reply("+OK will linger " + linger + " seconds");
        } else {
            linger = 0;
            reply("+OK will linger");
        }
    }

    private void filter(String line) {
        String rest = line.substring(6).trim();
        int sp = rest.indexOf(' ');
        if (rest.isEmpty()) {
            reply("-ERR invalid syntax");
            return;
        }
        String name = sp < 0 ? rest : rest.substring(0, sp);
        String value = sp < 0 ? null : rest.substring(sp + 1).trim();
        if ("delete".equalsIgnoreCase(name) && value != null) {
            int sp2 = value.indexOf(' ');
            String h = sp2 < 0 ? value : value.substring(0, sp2);
            String v = sp2 < 0 ? null : value.substring(sp2 + 1).trim();
            sub.deleteFilter(h, v);
            reply("+OK filter deleted. [" + h + "][" + (v == null ? "" : v) + "]");
        } else if (value == null || value.isEmpty()) {
            reply("-ERR invalid syntax");
        } else {
            sub.addFilter(name, value);
            reply("+OK filter added. [" + name + "]=[" + value + "]");
        }
    }

    private void sendevent(String line, EslCommand c) {
        String name = line.length() > 9 ? line.substring(9).trim().toUpperCase(Locale.ROOT) : "CUSTOM";
        EslEvent e = fs.core.event(name, "mod_event_socket.c", "parse_command", 2420);
        c.headers().forEach(e::add);
        if (c.body() != null) {
            e.body(c.body());
        }
        String uuid = UUID.randomUUID().toString();
        e.add("Event-UUID", uuid);
        fs.core.fire(e);
        reply("+OK " + uuid);
    }

    /** The controlled channel hung up: linger notice, or disconnect notice and close. */
    void channelHungUp(String channelName) {
        if (closed) {
            return;
        }
        if (linger < 0) {
            disconnect();
            return;
        }
        write("Content-Type: text/disconnect-notice\nControlled-Session-UUID: " + bound.uuid()
                + "\nContent-Disposition: linger\nChannel-Name: " + channelName + "\nLinger-Time: "
                + (linger == 0 ? "-1" : Integer.toString(linger)) + "\nContent-Length: 0\n\n");
        if (linger > 0) {
            fs.core.scheduler.schedule(this::disconnect, linger, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
