package org.faxserver.testkit.freeswitch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fax without the T.30 engine: phase B/D/E reports with chosen results on timers (no thread
 * and no process per call), for scale tests that keep thousands of calls up at once.
 */
final class ScriptedFax implements FaxRun {

    /** t30_completion_code_to_str() of spandsp, codes 0..61 (printed from the library). */
    static final String[] TEXTS = {
            "OK",
            "The CED tone exceeded 5s",
            "Timed out waiting for initial communication",
            "Timed out waiting for the first message",
            "Timed out waiting for procedural interrupt",
            "The HDLC carrier did not stop in a timely manner",
            "Failed to train with any of the compatible modems",
            "Operator intervention failed",
            "Far end is not compatible",
            "Far end is not able to receive",
            "Far end is not able to transmit",
            "Far end cannot receive at the resolution of the image",
            "Far end cannot receive at the size of image",
            "Unexpected message received",
            "Received bad response to DCS or training",
            "Received a DCN from remote after sending a page",
            "Invalid ECM response received from receiver",
            "Received a DCN while waiting for a DIS",
            "Invalid response after sending a page",
            "Received other than DIS while waiting for DIS",
            "Received no response to DCS or TCF",
            "No response after sending a page",
            "Timed out waiting for receiver ready (ECM mode)",
            "Invalid ECM response received from transmitter",
            "DCS received while waiting for DTC",
            "Unexpected command after page received",
            "Carrier lost during fax receive",
            "Timed out while waiting for EOL (end Of line)",
            "Timed out while waiting for first line",
            "Timer T2 expired while waiting for DCN",
            "Timer T2 expired while waiting for phase D",
            "Timer T2 expired while waiting for fax page",
            "Timer T2 expired while waiting for next fax page",
            "Timer T2 expired while waiting for RR command",
            "Timer T2 expired while waiting for NSS, DCS or MCF",
            "Unexpected DCN while waiting for DCS or DIS",
            "Unexpected DCN while waiting for image data",
            "Unexpected DCN while waiting for EOM, EOP or MPS",
            "Unexpected DCN after EOM or MPS sequence",
            "Unexpected DCN after RR/RNR sequence",
            "Unexpected DCN after requested retransmission",
            "TIFF/F file cannot be opened",
            "TIFF/F page not found",
            "TIFF/F format is not compatible",
            "TIFF/F page number tag missing",
            "Incorrect values for TIFF/F tags",
            "Bad TIFF/F header - incorrect values in fields",
            "Cannot allocate memory for more pages",
            "Disconnected after permitted retries",
            "The call dropped prematurely",
            "Poll not accepted",
            "Ident not accepted",
            "Sub-address not accepted",
            "Selective polling address not accepted",
            "Polled sub-address not accepted",
            "Sender identification not accepted",
            "Password not accepted",
            "Transmitting subscriber internet address not accepted",
            "Internet routing address not accepted",
            "Calling subscriber internet address not accepted",
            "Internet selective polling address not accepted",
            "Called subscriber internet address not accepted",
    };

    private final ScheduledExecutorService scheduler;
    private final FaxListener listener;
    private final Scenario.Scripted script;
    private final FaxJob job;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ScheduledFuture<?> next;
    private volatile int pagesDone;

    private ScriptedFax(ScheduledExecutorService scheduler, FaxListener listener, Scenario.Scripted script, FaxJob job) {
        this.scheduler = scheduler;
        this.listener = listener;
        this.script = script;
        this.job = job;
    }

    static String text(int code) {
        return code >= 0 && code < TEXTS.length ? TEXTS[code] : "Unknown";
    }

    static ScriptedFax start(ScheduledExecutorService scheduler, FaxListener listener, Scenario.Scripted script, FaxJob job) {
        ScriptedFax f = new ScriptedFax(scheduler, listener, script, job);
        f.schedule(0, f::negotiate);
        return f;
    }

    private long stepMillis() {
        Duration hold = script.hold();
        return Math.max(1, hold.toMillis() / (script.pages() + 2));
    }

    private void schedule(long delay, Runnable r) {
        next = scheduler.schedule(() -> {
            if (!finished.get()) {
                r.run();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void negotiate() {
        Map<String, String> f = new HashMap<>(common());
        f.put("total", "0");
        for (int i = 0; i < script.negotiations(); i++) {
            listener.negotiate(true, ids(new HashMap<>(f), true));
            listener.negotiate(false, ids(new HashMap<>(f), false));
        }
        schedule(stepMillis(), this::page);
    }

    private void page() {
        if (pagesDone >= script.pages()) {
            finish(script.resultCode());
            return;
        }
        pagesDone++;
        Map<String, String> f = new HashMap<>(common());
        f.put("pages", Integer.toString(pagesDone));
        f.put("res", "8040x7700");
        f.put("file-res", "8031x7716");
        f.put("size", "21000");
        f.put("pixels", "1728x2292");
        f.put("file-pixels", "1728x2292");
        f.put("longest-bad-row-run", "0");
        f.put("encoding", "8");
        f.put("encoding-name", "T.6");
        boolean localSends = job.localSends();
        f.put("total", Integer.toString(localSends ? script.pages() : pagesDone));
        listener.page(true, f);
        Map<String, String> r = new HashMap<>(f);
        r.put("total", Integer.toString(localSends ? pagesDone : script.pages()));
        listener.page(false, r);
        schedule(stepMillis(), this::page);
    }

    private Map<String, String> common() {
        Map<String, String> f = new HashMap<>();
        f.put("rate", "14400");
        f.put("ecm", job.localEcm() && job.remoteEcm() ? "on" : "off");
        f.put("bad-rows", Integer.toString(script.badRowsPerPage()));
        return f;
    }

    private Map<String, String> ids(Map<String, String> f, boolean local) {
        f.put("local-id", local ? job.localIdent() : job.remoteIdent());
        f.put("remote-id", local ? job.remoteIdent() : job.localIdent());
        return f;
    }

    private void finish(int code) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Map<String, String> f = new HashMap<>(common());
        f.put("code", Integer.toString(code));
        f.put("text", text(code));
        f.put("success", code == 0 ? "1" : "0");
        f.put("pages", Integer.toString(pagesDone));
        f.put("res", "8040x7700");
        Map<String, String> local = ids(new HashMap<>(f), true);
        local.put("total", Integer.toString(job.localSends() ? script.pages() : pagesDone));
        local.put("size", job.localSends() ? "21000" : "0");
        Map<String, String> remote = ids(new HashMap<>(f), false);
        remote.put("total", Integer.toString(job.localSends() ? pagesDone : script.pages()));
        remote.put("size", job.localSends() ? "0" : "21000");
        listener.result(false, remote);
        listener.result(true, local);
    }

    @Override
    public void hangup() {
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
        scheduler.execute(() -> finish(49));
    }
}
