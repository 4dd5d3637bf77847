package org.faxserver.testkit.freeswitch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An originated (A-leg) call: CHANNEL_* events, the originate result and the txfax application,
 * in the order of the captures send-g711/send-t38/send-busy/send-missing-file/send-hangup-midfax.
 */
final class OutboundCall {

    private final FreeSwitchStandIn fs;
    private final ChannelEvents ev;
    private final FaxEvents fax;
    final OriginateCommand cmd;
    final Scenario sc;
    final SimChannel ch;
    final CallRecord record;
    /** The originate output: "+OK uuid\n" or "-ERR CAUSE\n". */
    final CompletableFuture<String> result = new CompletableFuture<>();
    /** Set for loopback calls: the B leg delivered to the outbound socket. */
    volatile LoopbackLink link;
    private FaxRun run;
    private boolean faxing;
    private boolean ended;
    private boolean answered;
    private String appUuid;
    private String t38Status = "off";
    private Map<String, String> heldResult;

    OutboundCall(FreeSwitchStandIn fs, OriginateCommand cmd, Scenario sc, Path remoteTiff) {
        this.fs = fs;
        this.ev = fs.events;
        this.fax = fs.faxEvents;
        this.cmd = cmd;
        this.sc = sc;
        String uuid = cmd.variables().getOrDefault("origination_uuid", UUID.randomUUID().toString());
        String cid = cmd.variables().getOrDefault("origination_caller_id_number", "0000000000");
        this.ch = new SimChannel(uuid, "sofia/external/" + cmd.number(), false, cid,
                cmd.variables().getOrDefault("origination_caller_id_name", cid), cmd.number(), "default", "",
                fs.core.sessionIds.incrementAndGet());
        this.record = new CallRecord(uuid, false, cmd, cmd.number(), remoteTiff);
        ch.setVar("direction", "outbound");
        ch.setVar("is_outbound", "true");
        ch.setVar("uuid", uuid);
        ch.setVar("call_uuid", uuid);
        ch.setVar("session_id", ch.sessionId);
        ch.setVar("sip_gateway_name", cmd.gateway());
        ch.setVar("sip_profile_name", cmd.gateway() != null ? "gateway" : "external");
        ch.setVar("channel_name", ch.name);
        ch.setVar("sip_destination_url", "sip:" + cmd.number() + "@" + (cmd.gateway() == null ? "127.0.0.1" : cmd.gateway()));
        cmd.variables().forEach(ch::setVar);
        ch.setVar("originate_early_media", "false");
        ch.setVar("originate_endpoint", "sofia");
        ch.setVar("sofia_profile_name", "external");
    }

    void start() {
        fs.core.channels.put(ch.uuid, ch);
        fs.core.sessionsSinceStartup.incrementAndGet();
        synchronized (ch.lock) {
            ev.create(ch);
        }
        if (link != null) {
            link.dial();
            return;
        }
        long delay = sc.answerDelay().toMillis();
        if (delay > 0) {
            later(0, () -> {
                synchronized (ch.lock) {
                    if (!ended) {
                        ev.progress(ch); // 180 Ringing while the far end takes its time
                    }
                }
            });
        }
        if (sc.rejectCause() != null) {
            later(delay, () -> fail(sc.rejectCause()));
        } else {
            later(delay, this::answered);
        }
    }

    private void later(long millis, Runnable r) {
        fs.core.later(millis, r);
    }

    /** The far end rejected the call (or hung up before answer). */
    void fail(String cause) {
        synchronized (ch.lock) {
            if (ended || answered) {
                return;
            }
            ended = true;
            ch.state("CS_CONSUME_MEDIA", "DOWN", ch.stateNumber);
            ev.hangup(ch, cause);
            ev.hangupComplete(ch);
            result.complete("-ERR " + cause + "\n");
            ev.destroy(ch);
            record.ended(cause);
        }
    }

    /** The far end answered: CHANNEL_ANSWER, originate +OK, then the application. */
    void answered() {
        synchronized (ch.lock) {
            if (ended || answered) {
                return;
            }
            answered = true;
            ch.state("CS_CONSUME_MEDIA", "DOWN", 7);
            ch.setVar("sip_to_user", cmd.number());
            ch.setVar("sip_network_ip", "127.0.0.1");
            ev.answer(ch);
            result.complete("+OK " + ch.uuid + "\n");
            appUuid = UUID.randomUUID().toString();
            ev.execute(ch, cmd.application() == null ? "park" : cmd.application(), cmd.applicationArg(), appUuid);
            if ("txfax".equals(cmd.application())) {
                txfax();
            }
        }
    }

    private void txfax() {
        String file = cmd.applicationArg();
        // scripted calls need no real document (scale tests), so only the engine path checks the file
        boolean missing = file.isEmpty() || sc.scriptedResult() == null && !Files.isReadable(Path.of(file));
        if (sc.forcesFileMissing() || missing) {
            // mod_spandsp's early error: no phase E, so no fax_success and no spandsp event
            ev.executeComplete(ch, "txfax", file, "Cannot send non-existant fax file", appUuid);
            ev.hangup(ch, "NORMAL_CLEARING");
            finish();
            return;
        }
        boolean ecm = !"false".equalsIgnoreCase(ch.var("fax_use_ecm"));
        boolean v17 = !"true".equalsIgnoreCase(ch.var("fax_disable_v17"));
        t38Status = sc.t38Status(ch::var);
        boolean t38 = "negotiated".equals(t38Status);
        FaxEvents.init(ch, ecm, v17, file, t38);
        faxing = true;
        String ident = ch.var("fax_ident") == null ? "SpanDSP Fax Ident" : ch.var("fax_ident");
        java.util.concurrent.atomic.AtomicBoolean resulted = new java.util.concurrent.atomic.AtomicBoolean();
        FaxListener listener = new FaxListener() {
            @Override
            public void negotiate(boolean local, Map<String, String> f) {
                if (local) {
                    synchronized (ch.lock) {
                        fax.negotiate(ch, true, f, t38Status);
                    }
                }
            }

            @Override
            public void page(boolean local, Map<String, String> f) {
                if (local) {
                    synchronized (ch.lock) {
                        fax.page(ch, true, f);
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
                    faxDone(f);
                }
            }
        };
        if (link != null) {
            link.txReady(Path.of(file), ecm, v17, ident, t38, listener);
            return;
        }
        FaxJob job = new FaxJob(true, Path.of(file), record.receivedTiff(), t38, ecm, sc.remoteEcm(), v17, sc.remoteV17(),
                ident, sc.remoteIdent(), sc.hangupAfterPages(), t38 ? null : sc.noiseDbm0(), sc.pace());
        try {
            run = sc.scriptedResult() != null ? ScriptedFax.start(fs.core.scheduler, listener, sc.scriptedResult(), job)
                    : NativeFax.start(job, listener, fs.core);
        } catch (RuntimeException e) {
            // mod_spandsp's own early error when spandsp cannot start; no phase E follows
            faxing = false;
            ev.executeComplete(ch, "txfax", file, "Cannot initialize Fax engine", appUuid);
            ev.hangup(ch, "NORMAL_CLEARING");
            finish();
            throw e;
        }
    }

    private void faxDone(Map<String, String> f) {
        synchronized (ch.lock) {
            faxing = false;
            if (!ch.hungUp && sc.neverHangsUpAfterFax()) {
                fax.result(ch, true, f, t38Status);
                FaxEvents.finished(ch);
                ev.executeComplete(ch, "txfax", cmd.applicationArg(), null, appUuid);
                return;
            }
            if (!ch.hungUp && link != null && !link.receiverGone()) {
                // loopback: wait for the B leg's hangup, as the remote machine hangs up first
                heldResult = f;
                later(3000, () -> releaseHeld());
                return;
            }
            if (!ch.hungUp) {
                ev.hangup(ch, "NORMAL_CLEARING"); // the far end hangs up after DCN (capture note 9)
            }
            fax.result(ch, true, f, t38Status);
            FaxEvents.finished(ch);
            ev.executeComplete(ch, "txfax", cmd.applicationArg(), null, appUuid);
            finish();
        }
    }

    private void releaseHeld() {
        synchronized (ch.lock) {
            if (heldResult != null) {
                Map<String, String> f = heldResult;
                heldResult = null;
                faxDone(f);
            }
        }
    }

    private void finish() {
        ended = true;
        ev.hangupComplete(ch);
        ev.destroy(ch);
        record.ended(ch.hangupCause);
        if (link != null) {
            link.aEnded();
        }
    }

    /** The B leg of a loopback call hung up. */
    void peerHungUp(String cause) {
        synchronized (ch.lock) {
            if (!answered) {
                fail(cause);
                return;
            }
            if (heldResult != null) {
                Map<String, String> f = heldResult;
                heldResult = null;
                ev.hangup(ch, "NORMAL_CLEARING");
                fax.result(ch, true, f, t38Status);
                ev.executeComplete(ch, "txfax", cmd.applicationArg(), null, appUuid);
                finish();
                return;
            }
            Runnable rest = kill("NORMAL_CLEARING");
            if (rest != null) {
                rest.run();
            }
        }
    }

    /**
     * uuid_kill: fires CHANNEL_HANGUP and returns the rest of the teardown (run after the api
     * output), or null if the channel is already gone.
     */
    Runnable kill(String cause) {
        synchronized (ch.lock) {
            if (ended || ch.hungUp) {
                return null;
            }
            ev.hangup(ch, cause);
        }
        return () -> {
            synchronized (ch.lock) {
                if (ended) {
                    return; // the fax engine already reported and the call was torn down
                }
                if (!answered) {
                    ended = true;
                    ev.hangupComplete(ch);
                    result.complete("-ERR " + cause + "\n");
                    ev.destroy(ch);
                    record.ended(cause);
                    if (link != null) {
                        link.aEnded();
                    }
                } else if (faxing) {
                    // spanfax_destroy -> t30_terminate: phase E (code 49) follows, then the rest
                    if (run != null) {
                        run.hangup();
                    } else if (link != null) {
                        link.hangup();
                    }
                } else {
                    if (heldResult != null) {
                        Map<String, String> f = heldResult;
                        heldResult = null;
                        fax.result(ch, true, f, t38Status);
                        ev.executeComplete(ch, "txfax", cmd.applicationArg(), null, appUuid);
                    } else if (!"txfax".equals(cmd.application())) {
                        ev.executeComplete(ch, cmd.application() == null ? "park" : cmd.application(), cmd.applicationArg(), null, appUuid);
                    }
                    finish();
                }
            }
        };
    }
}
