package org.faxserver.testkit.freeswitch;

import java.nio.file.Path;
import java.util.Map;

/**
 * Joins the two legs of a {@code sofia/gateway/loopback/<n>} call: the A leg's txfax and the B
 * leg's rxfax (run by the outbound-socket server) become the two ends of one real T.30 call.
 */
final class LoopbackLink {

    private final FreeSwitchStandIn fs;
    private final OutboundCall a;
    private InboundCall b;
    private Path txFile;
    private boolean txEcm;
    private boolean txV17;
    private boolean t38;
    private String txIdent;
    private FaxListener txListener;
    private Path rxFile;
    private boolean rxEcm;
    private boolean rxV17;
    private String rxIdent;
    private FaxListener rxListener;
    private FaxRun run;
    private volatile boolean bGone;

    LoopbackLink(FreeSwitchStandIn fs, OutboundCall a) {
        this.fs = fs;
        this.a = a;
    }

    /** Delivers the B leg to the configured outbound-socket address. */
    void dial() {
        InboundCallSpec spec = InboundCallSpec.from(a.ch.callerNumber).to(a.cmd.number()).gateway("loopback");
        b = fs.newInboundCall(spec, this);
        b.start();
    }

    String t38Status() {
        return t38 ? "negotiated" : "off";
    }

    synchronized void txReady(Path file, boolean ecm, boolean v17, String ident, boolean t38, FaxListener l) {
        txFile = file;
        txEcm = ecm;
        txV17 = v17;
        txIdent = ident;
        this.t38 = t38;
        txListener = l;
        if (bGone) {
            fs.core.async(() -> l.result(true, NativeFax.dropped()));
            return;
        }
        maybeStart();
    }

    synchronized void rxReady(Path file, boolean ecm, boolean v17, String ident, FaxListener l) {
        rxFile = file;
        rxEcm = ecm;
        rxV17 = v17;
        rxIdent = ident;
        rxListener = l;
        maybeStart();
    }

    private void maybeStart() {
        if (txListener == null || rxListener == null || run != null) {
            return;
        }
        Scenario sc = a.sc;
        FaxJob job = new FaxJob(true, txFile, rxFile, t38, txEcm, rxEcm, txV17, rxV17, txIdent, rxIdent,
                sc.hangupAfterPages(), t38 ? null : sc.noiseDbm0(), sc.pace());
        FaxListener tx = txListener;
        FaxListener rx = rxListener;
        FaxListener both = new FaxListener() {
            @Override
            public void negotiate(boolean local, Map<String, String> f) {
                (local ? tx : rx).negotiate(true, f);
            }

            @Override
            public void page(boolean local, Map<String, String> f) {
                (local ? tx : rx).page(true, f);
            }

            @Override
            public void result(boolean local, Map<String, String> f) {
                (local ? tx : rx).result(true, f);
            }
        };
        run = sc.scriptedResult() != null ? ScriptedFax.start(fs.core.scheduler, both, sc.scriptedResult(), job)
                : NativeFax.start(job, both, fs.core);
    }

    boolean receiverGone() {
        return bGone;
    }

    /** B answered: so does A. */
    void bAnswered() {
        fs.core.async(a::answered);
    }

    /** B is gone: a waiting txfax ends, and A hangs up (or fails, if not answered yet). */
    void bHungUp(String cause) {
        FaxListener waitingTx;
        synchronized (this) {
            bGone = true;
            waitingTx = run == null ? txListener : null;
        }
        if (waitingTx != null) {
            // async: the caller holds B's lock and A's listener takes A's lock (no lock-order cycle)
            fs.core.async(() -> waitingTx.result(true, NativeFax.dropped()));
        }
        fs.core.async(() -> a.peerHungUp(cause));
    }

    /** A is gone: B hangs up too. */
    void aEnded() {
        FaxListener waitingRx;
        synchronized (this) {
            waitingRx = run == null ? rxListener : null;
        }
        if (waitingRx != null) {
            fs.core.async(() -> waitingRx.result(true, NativeFax.dropped()));
        }
        InboundCall leg = b;
        if (leg != null) {
            fs.core.async(() -> leg.remoteHangup("NORMAL_CLEARING"));
        }
    }

    synchronized void hangup() {
        if (run != null) {
            run.hangup();
        } else if (txListener != null) {
            FaxListener l = txListener;
            fs.core.async(() -> l.result(true, NativeFax.dropped()));
        }
    }
}
