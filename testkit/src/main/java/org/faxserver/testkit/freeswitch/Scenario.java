package org.faxserver.testkit.freeswitch;

import java.time.Duration;
import java.util.Objects;

/**
 * What the far end does with a call, chosen per destination number by the test
 * ({@link FreeSwitchStandIn#scenario(String, Scenario)}). Immutable; the {@code with*} methods
 * return modified copies, so scenarios combine: {@code Scenario.slowAnswer(d).withRemoteEcm(false)}.
 */
public final class Scenario {

    /**
     * Scripted fax outcome used instead of the T.30 engine (scale tests, and line faults the engine
     * cannot be made to produce on demand: bad rows on every page, repeated training).
     */
    public record Scripted(int pages, int resultCode, Duration hold, int badRowsPerPage, int negotiations) {
        public Scripted {
            Objects.requireNonNull(hold, "hold");
            if (badRowsPerPage < 0 || negotiations < 1) {
                throw new IllegalArgumentException("bad rows >= 0 and at least one negotiation");
            }
        }

        public Scripted(int pages, int resultCode, Duration hold) {
            this(pages, resultCode, hold, 0, 1);
        }
    }

    private String rejectCause;
    private Duration answerDelay = Duration.ZERO;
    private boolean t38Refused;
    private boolean remoteRequestsT38;
    private boolean remoteEcm = true;
    private boolean remoteV17 = true;
    private int hangupAfterPages = -1;
    private Double noiseDbm0;
    private boolean neverHangsUp;
    private boolean fileMissing;
    private double pace;
    private Scripted scripted;
    private String remoteIdent = "+15550200";

    private Scenario() {
    }

    private Scenario copy() {
        Scenario s = new Scenario();
        s.rejectCause = rejectCause;
        s.answerDelay = answerDelay;
        s.t38Refused = t38Refused;
        s.remoteRequestsT38 = remoteRequestsT38;
        s.remoteEcm = remoteEcm;
        s.remoteV17 = remoteV17;
        s.hangupAfterPages = hangupAfterPages;
        s.noiseDbm0 = noiseDbm0;
        s.neverHangsUp = neverHangsUp;
        s.fileMissing = fileMissing;
        s.pace = pace;
        s.scripted = scripted;
        s.remoteIdent = remoteIdent;
        return s;
    }

    /** The call is answered and the fax goes through the real T.30 engine. */
    public static Scenario success() {
        return new Scenario();
    }

    /** The far end rejects the call with this hangup cause (e.g. "USER_BUSY"). */
    public static Scenario reject(String hangupCause) {
        Scenario s = new Scenario();
        s.rejectCause = Objects.requireNonNull(hangupCause);
        return s;
    }

    /** SIP 486: originate fails with {@code -ERR USER_BUSY}. */
    public static Scenario busy() {
        return reject("USER_BUSY");
    }

    /** Rings until the originate timeout: {@code -ERR NO_ANSWER}. */
    public static Scenario noAnswer() {
        return reject("NO_ANSWER");
    }

    /** SIP 603: {@code -ERR CALL_REJECTED}. */
    public static Scenario callRejected() {
        return reject("CALL_REJECTED");
    }

    /** SIP 404: {@code -ERR UNALLOCATED_NUMBER}. */
    public static Scenario unallocatedNumber() {
        return reject("UNALLOCATED_NUMBER");
    }

    /** The far end refuses the T.38 re-INVITE: the fax runs over G.711 audio, {@code fax-t38-status: refused}. */
    public static Scenario t38Refused() {
        Scenario s = new Scenario();
        s.t38Refused = true;
        return s;
    }

    /** The line drops after the sender got N pages confirmed: code 49, the receiver keeps N pages. */
    public static Scenario hangupAfterPages(int pages) {
        Scenario s = new Scenario();
        s.hangupAfterPages = pages;
        return s;
    }

    /** Constant noise (-45 dBm0) on an audio line: T.30 fails during training/phase B (code 13 on TX). */
    public static Scenario noisyLine() {
        return new Scenario().withNoise(-45.0);
    }

    /** The fax completes but the far end never hangs up (for watchdog tests); only uuid_kill ends it. */
    public static Scenario neverHangsUp() {
        Scenario s = new Scenario();
        s.neverHangsUp = true;
        return s;
    }

    /** Rings (CHANNEL_PROGRESS) for the given time before answering. */
    public static Scenario slowAnswer(Duration delay) {
        return new Scenario().withAnswerDelay(delay);
    }

    /** txfax fails early as if its file did not exist: no spandsp events, no {@code fax_success}. */
    public static Scenario fileMissing() {
        Scenario s = new Scenario();
        s.fileMissing = true;
        return s;
    }

    /** No T.30 engine: fixed results on timers; the call holds for {@code hold} in total. */
    public static Scenario scripted(int pages, int resultCode, Duration hold) {
        Scenario s = new Scenario();
        s.scripted = new Scripted(pages, resultCode, hold);
        return s;
    }

    /** A scripted fax whose pages each report this many bad rows (drives softmodem fallback). */
    public Scenario withBadRowsPerPage(int badRows) {
        requireScripted();
        Scenario s = copy();
        s.scripted = new Scripted(scripted.pages(), scripted.resultCode(), scripted.hold(), badRows, scripted.negotiations());
        return s;
    }

    /** A scripted fax that trains this many times (phase B repeated, as after a failed training). */
    public Scenario withNegotiations(int negotiations) {
        requireScripted();
        Scenario s = copy();
        s.scripted = new Scripted(scripted.pages(), scripted.resultCode(), scripted.hold(), scripted.badRowsPerPage(), negotiations);
        return s;
    }

    private void requireScripted() {
        if (scripted == null) {
            throw new IllegalStateException("only scripted scenarios have chosen bad rows and negotiations");
        }
    }

    public Scenario withAnswerDelay(Duration delay) {
        Scenario s = copy();
        s.answerDelay = Objects.requireNonNull(delay);
        return s;
    }

    public Scenario withRemoteEcm(boolean ecm) {
        Scenario s = copy();
        s.remoteEcm = ecm;
        return s;
    }

    public Scenario withRemoteV17(boolean v17) {
        Scenario s = copy();
        s.remoteV17 = v17;
        return s;
    }

    /** Noise level in dBm0 added to both directions of an audio call. */
    public Scenario withNoise(double dbm0) {
        Scenario s = copy();
        s.noiseDbm0 = dbm0;
        return s;
    }

    /** Runs the engine at {@code factor} x real time (0 = as fast as possible, the default). */
    public Scenario withPace(double factor) {
        Scenario s = copy();
        s.pace = factor;
        return s;
    }

    /** The remote machine sends the T.38 re-INVITE itself (used when the local side allows T.38). */
    public Scenario withRemoteRequestingT38() {
        Scenario s = copy();
        s.remoteRequestsT38 = true;
        return s;
    }

    public Scenario withRemoteIdent(String ident) {
        Scenario s = copy();
        s.remoteIdent = ident;
        return s;
    }

    public Scenario withHangupAfterPages(int pages) {
        Scenario s = copy();
        s.hangupAfterPages = pages;
        return s;
    }

    String rejectCause() {
        return rejectCause;
    }

    Duration answerDelay() {
        return answerDelay;
    }

    boolean remoteRequestsT38() {
        return remoteRequestsT38;
    }

    boolean remoteEcm() {
        return remoteEcm;
    }

    boolean remoteV17() {
        return remoteV17;
    }

    int hangupAfterPages() {
        return hangupAfterPages;
    }

    Double noiseDbm0() {
        return noiseDbm0;
    }

    boolean neverHangsUpAfterFax() {
        return neverHangsUp;
    }

    boolean forcesFileMissing() {
        return fileMissing;
    }

    double pace() {
        return pace;
    }

    Scripted scriptedResult() {
        return scripted;
    }

    String remoteIdent() {
        return remoteIdent;
    }

    /**
     * T.38 status for a fax on a channel with these variables, like mod_spandsp: T.38 when the
     * local side requests it (fax_enable_t38_request) or the remote does, unless refused or disabled.
     */
    String t38Status(java.util.function.Function<String, String> vars) {
        boolean enabled = !"false".equalsIgnoreCase(vars.apply("fax_enable_t38"));
        boolean request = enabled && "true".equalsIgnoreCase(vars.apply("fax_enable_t38_request"));
        if (t38Refused && request) {
            return "refused";
        }
        if (request || (enabled && remoteRequestsT38)) {
            return "negotiated";
        }
        return "off";
    }
}
