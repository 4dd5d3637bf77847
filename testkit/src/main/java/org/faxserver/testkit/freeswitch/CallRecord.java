package org.faxserver.testkit.freeswitch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the stand-in saw of one call, for assertions: the originate (dial string, variables),
 * the far end's received TIFF and both sides' fax results.
 */
public final class CallRecord {

    private final String uuid;
    private final boolean inbound;
    private final OriginateCommand originate;
    private final String number;
    private volatile Path receivedTiff;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile Map<String, String> localResult;
    private volatile Map<String, String> remoteResult;

    CallRecord(String uuid, boolean inbound, OriginateCommand originate, String number, Path receivedTiff) {
        this.uuid = uuid;
        this.inbound = inbound;
        this.originate = originate;
        this.number = number;
        this.receivedTiff = receivedTiff;
    }

    /** The channel's Unique-ID. */
    public String uuid() {
        return uuid;
    }

    /** True for calls the stand-in delivered to the outbound-socket server. */
    public boolean inbound() {
        return inbound;
    }

    /** The parsed originate of an outbound call, null for inbound calls. */
    public OriginateCommand originate() {
        return originate;
    }

    /** The originate's {@code {...}} variables (empty for inbound calls). */
    public Map<String, String> variables() {
        return originate == null ? Map.of() : originate.variables();
    }

    /** Destination number. */
    public String number() {
        return number;
    }

    /**
     * The TIFF written by the receiving side: for an outbound call the simulated remote machine's
     * file; for an inbound call the rxfax file (known once rxfax ran, else null).
     */
    public Path receivedTiff() {
        return receivedTiff;
    }

    /** Our side's phase E fields (code, text, success, pages, ...), null until the fax ended. */
    public Map<String, String> localResult() {
        return localResult;
    }

    /** The far end's phase E fields, null until the fax ended. */
    public Map<String, String> remoteResult() {
        return remoteResult;
    }

    /** Waits until the channel is destroyed and returns its hangup cause. */
    public String awaitHangup(Duration timeout) {
        try {
            return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("call " + uuid + " did not end within " + timeout, e);
        }
    }

    /** The hangup cause, or null while the call is up. */
    public String hangupCause() {
        return ended.getNow(null);
    }

    void receivedTiff(Path path) {
        this.receivedTiff = path;
    }

    void results(boolean local, Map<String, String> fields) {
        if (local) {
            localResult = Map.copyOf(fields);
        } else {
            remoteResult = Map.copyOf(fields);
        }
    }

    void ended(String cause) {
        ended.complete(cause);
    }

    @Override
    public String toString() {
        return "CallRecord[" + uuid + (inbound ? " inbound " : " outbound ") + number + "]";
    }
}
