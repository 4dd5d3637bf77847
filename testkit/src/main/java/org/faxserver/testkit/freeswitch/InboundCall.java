package org.faxserver.testkit.freeswitch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An inbound call the stand-in delivers to the application's outbound-socket server, as the
 * dialplan {@code socket host:port async full} does: it dials, answers {@code connect} with the
 * CHANNEL_DATA reply and executes sendmsg'd applications in order (capture receive-outbound-socket).
 */
final class InboundCall {

    private record AppMsg(String app, String arg, String eventUuid, boolean lock) {
        boolean fax() {
            return "rxfax".equals(app) || "txfax".equals(app);
        }
    }

    private final FreeSwitchStandIn fs;
    private final ChannelEvents ev;
    private final FaxEvents fax;
    private final InboundCallSpec spec;
    private final Scenario sc;
    private final SimChannel ch;
    final CallRecord record;
    private final LoopbackLink link;
    private final String socketArg;
    private final String socketAppUuid = UUID.randomUUID().toString();
    private final ArrayDeque<AppMsg> queue = new ArrayDeque<>();
    private volatile EslSession session;
    private AppMsg current;
    private boolean ended;
    /** The cause of a sendmsg hangup not yet carried out; a socket closing right after it must not replace it. */
    private String requestedHangupCause;
    private FaxRun run;
    private String t38Status = "off";

    InboundCall(FreeSwitchStandIn fs, InboundCallSpec spec, LoopbackLink link, String host, int port) {
        this.fs = fs;
        this.ev = fs.events;
        this.fax = fs.faxEvents;
        this.spec = spec;
        this.sc = spec.scenario() == null ? Scenario.success() : spec.scenario();
        this.link = link;
        this.socketArg = host + ":" + port + " async full";
        String uuid = UUID.randomUUID().toString();
        String ip = spec.networkIp() == null ? "127.0.0.1" : spec.networkIp();
        this.ch = new SimChannel(uuid, "sofia/external/" + spec.from() + "@" + ip, true, spec.from(), spec.from(),
                spec.to(), "public", ip, fs.core.sessionIds.incrementAndGet());
        this.record = new CallRecord(uuid, true, null, spec.to(), null);
        ch.media = true;
        ch.hitDialplan = true;
        ch.setVar("direction", "inbound");
        ch.setVar("uuid", uuid);
        ch.setVar("session_id", ch.sessionId);
        ch.setVar("sip_from_user", spec.from());
        ch.setVar("sip_from_uri", spec.from() + "@" + ip);
        ch.setVar("sip_from_host", ip);
        ch.setVar("channel_name", ch.name);
        ch.setVar("sip_call_id", UUID.randomUUID().toString());
        ch.setVar("sip_local_network_addr", "127.0.0.1");
        ch.setVar("sip_network_ip", ip);
        ch.setVar("sip_network_port", "5060");
        ch.setVar("sip_received_ip", ip);
        ch.setVar("sip_received_port", "5060");
        ch.setVar("sip_via_protocol", "udp");
        ch.setVar("sip_from_user_stripped", spec.from());
        ch.setVar("sofia_profile_name", "external");
        ch.setVar("sip_gateway", spec.gateway());
        ch.setVar("sip_h_Diversion", spec.diversion());
        ch.setVar("sip_req_user", spec.to());
        ch.setVar("sip_req_uri", spec.to() + "@127.0.0.1");
        ch.setVar("sip_to_user", spec.to());
        ch.setVar("sip_to_uri", spec.to() + "@127.0.0.1");
        ch.setVar("sip_to_host", "127.0.0.1");
        ch.setVar("max_forwards", "70");
        ch.setVar("read_codec", "PCMU");
        ch.setVar("read_rate", "8000");
        ch.setVar("write_codec", "PCMU");
        ch.setVar("write_rate", "8000");
        ch.setVar("endpoint_disposition", "RECEIVED");
        ch.setVar("call_uuid", uuid);
    }

    String uuid() {
        return ch.uuid;
    }

    SimChannel channel() {
        return ch;
    }

    void start() {
        fs.core.channels.put(ch.uuid, ch);
        fs.core.sessionsSinceStartup.incrementAndGet();
        synchronized (ch.lock) {
            ev.create(ch);
            ch.state("CS_EXECUTE", "RINGING", 4);
            ev.execute(ch, "socket", socketArg, socketAppUuid);
            ch.setVar("socket_host", socketArg.substring(0, socketArg.indexOf(':')));
            ev.park(ch);
        }
        fs.connectOutbound(this, spec.target());
    }

    void connectFailed() {
        fs.core.async(() -> hangupNow("NORMAL_TEMPORARY_FAILURE"));
    }

    void attached(EslSession s) {
        this.session = s;
    }

    /** The reply to "connect": the CHANNEL_DATA event itself plus the command/reply headers. */
    String connectReply() {
        EslEvent e = fs.core.event("CHANNEL_DATA", "mod_event_socket.c", "parse_command", 2021);
        e.set("Event-Sequence", Long.toString(fs.core.sequence.incrementAndGet()));
        synchronized (ch.lock) {
            ch.profile(e, "Channel-");
            ch.fill(e, true);
        }
        return e.add("Content-Type", "command/reply").add("Reply-Text", "+OK\n").add("Socket-Mode", "async")
                .add("Control", "full").plain();
    }

    /**
     * A sendmsg for this channel; async mode, so the +OK comes back at once. Returns what to run
     * once the +OK is queued (the application must not produce frames before it).
     */
    Runnable sendmsg(EslCommand c) {
        String command = c.header("call-command") == null ? "execute" : c.header("call-command");
        if ("hangup".equalsIgnoreCase(command)) {
            String cause = hangupCause(c);
            return () -> fs.core.async(() -> hangupNow(cause));
        }
        if (!"execute".equalsIgnoreCase(command)) {
            return () -> { };
        }
        String arg = c.body() != null ? c.body() : c.header("execute-app-arg") == null ? "" : c.header("execute-app-arg");
        String eventUuid = c.header("Event-UUID") == null ? UUID.randomUUID().toString() : c.header("Event-UUID");
        AppMsg m = new AppMsg(c.header("execute-app-name"), arg, eventUuid, "true".equalsIgnoreCase(c.header("event-lock")));
        synchronized (ch.lock) {
            queue.add(m);
        }
        return () -> fs.core.async(this::pump);
    }

    /**
     * Called as a command for this channel arrives on its socket, before earlier commands are done: FreeSWITCH reads
     * what was sent before a socket closed, so a {@code sendmsg} hangup sent just before closing keeps its cause.
     */
    void commandArrived(EslCommand c) {
        String line = c.line();
        String target = line.length() > 7 ? line.substring(7).trim() : "";
        boolean forThisCall = target.isEmpty() || target.equals(uuid());
        if (line.toLowerCase(Locale.ROOT).startsWith("sendmsg") && forThisCall
                && "hangup".equalsIgnoreCase(c.header("call-command"))) {
            synchronized (ch.lock) {
                if (requestedHangupCause == null) {
                    requestedHangupCause = hangupCause(c);
                }
            }
        }
    }

    private static String hangupCause(EslCommand c) {
        return c.header("hangup-cause") == null ? "NORMAL_CLEARING" : c.header("hangup-cause");
    }

    private void pump() {
        synchronized (ch.lock) {
            while (!ended && !ch.hungUp && !queue.isEmpty()) {
                if (current == null) {
                    current = queue.poll();
                    exec(current);
                } else if (current.fax() && !current.lock) {
                    // without event-lock mod_spandsp parses queued messages inside its audio loop,
                    // so e.g. a queued hangup runs nested and cuts the fax (reference 1.7)
                    exec(queue.poll());
                } else {
                    return;
                }
            }
        }
    }

    private void exec(AppMsg m) {
        String app = m.app == null ? "" : m.app;
        ev.execute(ch, app, m.arg, m.eventUuid);
        switch (app) {
            case "answer" -> {
                answer();
                complete(m, null);
            }
            case "ring_ready", "pre_answer" -> {
                ev.progress(ch);
                complete(m, null);
            }
            case "set", "export" -> {
                int eq = m.arg.indexOf('=');
                if (eq > 0) {
                    ch.setVar(m.arg.substring(0, eq), m.arg.substring(eq + 1));
                }
                complete(m, null);
            }
            case "sleep" -> later(parseLong(m.arg, 0), () -> complete(m, null));
            case "playback" -> playback(m);
            case "respond" -> respond(m);
            case "hangup" -> {
                ev.hangup(ch, m.arg.isBlank() ? "NORMAL_CLEARING" : m.arg.trim());
                if (run != null) {
                    run.hangup(); // a nested hangup (no event-lock on the fax app) cuts the fax
                }
                complete(m, null);
            }
            case "rxfax" -> rxfax(m);
            case "park" -> { } // completes when the channel hangs up
            default -> complete(m, null);
        }
    }

    private void playback(AppMsg m) {
        if (m.arg.startsWith("silence_stream://")) {
            later(parseLong(m.arg.substring(17), 0), () -> complete(m, "FILE PLAYED"));
        } else {
            complete(m, Files.isReadable(Path.of(m.arg)) ? "FILE PLAYED" : "PLAYBACK ERROR");
        }
    }

    private void respond(AppMsg m) {
        int code = (int) parseLong(m.arg.trim().split(" ")[0], 500);
        if (code >= 300) {
            ev.hangup(ch, causeFor(code));
        } else if (code == 200) {
            answer();
        } else {
            ev.progress(ch);
        }
        complete(m, null);
    }

    static String causeFor(int sip) {
        return switch (sip) {
            case 404, 484 -> "UNALLOCATED_NUMBER";
            case 486, 600 -> "USER_BUSY";
            case 480 -> "NO_USER_RESPONSE";
            case 408 -> "RECOVERY_ON_TIMER_EXPIRE";
            case 403, 603 -> "CALL_REJECTED";
            case 503 -> "NORMAL_TEMPORARY_FAILURE";
            default -> "NORMAL_UNSPECIFIED";
        };
    }

    private void answer() {
        if (!"answered".equals(ch.answerState) && !ch.hungUp) {
            ev.answer(ch);
            ch.callState = "ACTIVE";
            if (link != null) {
                link.bAnswered();
            }
        }
    }

    private void rxfax(AppMsg m) {
        answer();
        Path file = m.arg.isBlank() ? fs.config.workDir().resolve("fax-" + ch.sessionId + "-" + System.currentTimeMillis() + ".tif")
                : Path.of(m.arg.trim());
        record.receivedTiff(file);
        boolean ecm = !"false".equalsIgnoreCase(ch.var("fax_use_ecm"));
        boolean v17 = !"true".equalsIgnoreCase(ch.var("fax_disable_v17"));
        String ident = ch.var("fax_ident") == null ? "SpanDSP Fax Ident" : ch.var("fax_ident");
        java.util.concurrent.atomic.AtomicBoolean resulted = new java.util.concurrent.atomic.AtomicBoolean();
        FaxListener listener = new FaxListener() {
            @Override
            public void negotiate(boolean local, Map<String, String> f) {
                if (local) {
                    synchronized (ch.lock) {
                        fax.negotiate(ch, false, f, status());
                    }
                }
            }

            @Override
            public void page(boolean local, Map<String, String> f) {
                if (local) {
                    synchronized (ch.lock) {
                        fax.page(ch, false, f);
                    }
                }
            }

            @Override
            public void result(boolean local, Map<String, String> f) {
                if (local && !resulted.compareAndSet(false, true)) {
                    return; // phase E happens once per fax (a drop may be reported twice)
                }
                record.results(local, f);
                if (local) {
                    synchronized (ch.lock) {
                        run = null;
                        fax.result(ch, false, f, status());
                        FaxEvents.finished(ch);
                        complete(m, null);
                        if (link == null && !sc.neverHangsUpAfterFax()) {
                            // the sending machine hangs up after DCN unless the app hangs up first
                            later(1000, () -> hangupNow("NORMAL_CLEARING"));
                        }
                    }
                }
            }
        };
        if (link != null) {
            FaxEvents.init(ch, ecm, v17, file.toString(), false);
            run = link::hangup;
            link.rxReady(file, ecm, v17, ident, listener);
            return;
        }
        t38Status = sc.t38Status(ch::var);
        boolean t38 = "negotiated".equals(t38Status);
        FaxEvents.init(ch, ecm, v17, file.toString(), t38);
        if (spec.document() == null && sc.scriptedResult() == null) {
            complete(m, "Cannot initialize Fax engine");
            throw new IllegalStateException("InboundCallSpec.document(...) is required for rxfax with the T.30 engine");
        }
        FaxJob job = new FaxJob(false, file, spec.document() == null ? file : spec.document(), t38, ecm, sc.remoteEcm(),
                v17, sc.remoteV17(), ident, sc.remoteIdent(), sc.hangupAfterPages(), t38 ? null : sc.noiseDbm0(), sc.pace());
        try {
            run = sc.scriptedResult() != null ? ScriptedFax.start(fs.core.scheduler, listener, sc.scriptedResult(), job)
                    : NativeFax.start(job, listener, fs.core);
        } catch (RuntimeException e) {
            complete(m, "Cannot initialize Fax engine"); // mod_spandsp's early error, no phase E
            throw e;
        }
    }

    private String status() {
        return link != null ? link.t38Status() : t38Status;
    }

    private void complete(AppMsg m, String response) {
        synchronized (ch.lock) {
            if (ended) {
                return;
            }
            ev.executeComplete(ch, m.app, m.arg, response, m.eventUuid);
            if (m == current) {
                current = null;
            }
            if (ch.hungUp) {
                if (current == null || current.fax() && run == null) {
                    teardown();
                }
                return;
            }
        }
        fs.core.async(this::pump);
    }

    /** Hangup from outside (sendmsg hangup, the loopback peer, the socket closing). */
    void hangupNow(String cause) {
        Runnable rest = beginHangup(cause);
        if (rest != null) {
            rest.run();
        }
    }

    /** Fires CHANNEL_HANGUP and returns the rest of the teardown, or null if already hung up. */
    Runnable beginHangup(String cause) {
        synchronized (ch.lock) {
            if (ch.hungUp || ended) {
                return null;
            }
            ev.hangup(ch, cause);
        }
        return () -> {
            synchronized (ch.lock) {
                if (run != null) {
                    run.hangup(); // phase E (code 49) completes the fax app, then teardown
                } else if (current != null) {
                    complete(current, null);
                } else {
                    teardown();
                }
            }
        };
    }

    void remoteHangup(String cause) {
        hangupNow(cause);
    }

    void socketClosed() {
        String cause;
        synchronized (ch.lock) {
            cause = requestedHangupCause == null ? "NORMAL_CLEARING" : requestedHangupCause;
        }
        fs.core.async(() -> hangupNow(cause));
    }

    private void teardown() {
        if (ended) {
            return;
        }
        ended = true;
        ev.unpark(ch);
        ev.executeComplete(ch, "socket", socketArg, null, socketAppUuid);
        ev.stateChange(ch, "CS_HANGUP", ch.callState, 10);
        ev.stateChange(ch, "CS_REPORTING", "HANGUP", 11);
        ev.hangupComplete(ch);
        EslSession s = session;
        if (s != null) {
            s.channelHungUp(ch.name);
        }
        ev.destroy(ch);
        record.ended(ch.hangupCause);
        if (link != null) {
            link.bHungUp(ch.hangupCause);
        }
    }

    private void later(long millis, Runnable r) {
        fs.core.later(millis, r);
    }

    private static long parseLong(String s, long def) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }
}
