package org.faxserver.gateway.send.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.faxserver.model.attempt.AttemptEnd;
import org.faxserver.model.attempt.Negotiation;
import org.faxserver.model.attempt.ProgressStage;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.PageResult;
import org.faxserver.model.fax.T38Status;

/**
 * Folds the events of one sending call (the A leg, {@code Unique-ID} = our attempt id) into progress
 * steps and, at the end, one {@link FaxResult} and {@link CallOutcome}, like gofaxip's
 * {@code FaxResult.AddEvent} but without logging or I/O. Not thread-safe: one caller at a time.
 *
 * <p>Rules, from the real captures and the mod_spandsp source:
 * <ul>
 *   <li>A fax is judged by {@code spandsp::txfaxresult} ({@code fax-success}); without it, by
 *       {@code variable_fax_success} on CHANNEL_EXECUTE_COMPLETE of txfax or CHANNEL_HANGUP_COMPLETE.
 *       Neither at all means phase E never ran: never a success.</li>
 *   <li>CHANNEL_HANGUP is not the end: the sender sees it <em>before</em> txfaxresult (capture note 9).
 *       The call is over at CHANNEL_HANGUP_COMPLETE, or when the originate itself failed.</li>
 *   <li>Every {@code txfaxnegociateresult} counts as one negotiation (retraining shows as more than
 *       one); {@code fax-document-total-pages} is 0 at phase B and real from the first page on.</li>
 *   <li>Numbers that do not parse are ignored, not fatal: a malformed header must not lose a fax.</li>
 * </ul>
 */
public final class FaxResultFold {

  private final String application;
  private final String negotiateSubclass;
  private final String pageSubclass;
  private final String resultSubclass;

  /** Folds a sending call (txfax and {@code spandsp::txfax*} events). */
  public FaxResultFold() {
    this("txfax");
  }

  /**
   * Folds a receiving call: the same rules over rxfax and {@code spandsp::rxfax*} events (receive-side
   * events carry no {@code fax-document-total-pages} before phase E).
   */
  public static FaxResultFold receiving() {
    return new FaxResultFold("rxfax");
  }

  private FaxResultFold(String application) {
    this.application = application;
    this.negotiateSubclass = "spandsp::" + application + "negociateresult";
    this.pageSubclass = "spandsp::" + application + "pageresult";
    this.resultSubclass = "spandsp::" + application + "result";
  }

  private Instant answeredAt;
  private Instant negotiatedAt;
  private Instant lastPageAt;
  private Instant faxEndedAt;
  private boolean callOver;
  private HangupCause hangupCause;
  private HangupCause originateFailure;
  private boolean txfaxCompleted;
  private String applicationResponse;

  private int negotiationCount;
  private Negotiation negotiation;
  private String localStationId;
  private final TreeMap<Integer, PageResult> pages = new TreeMap<>();
  private int pagesTotal;

  /** Phase E as reported, from the spandsp event or (fallback) the channel variables; null before. */
  private PhaseE phaseE;
  private boolean phaseEFromSpandsp;

  /** The phase E figures, whichever way they came. */
  private record PhaseE(boolean success, Integer code, String text, Integer transferred, Integer total,
      Integer badRows, Integer rate, String ecm, String t38, String remote, String local) {}

  /**
   * Takes one event of the call. Returns the progress step it represents, if any (answer,
   * negotiation, page).
   *
   * @param event      the event
   * @param receivedAt when we received it (timeouts are measured on our clock, not FreeSWITCH's)
   */
  public Optional<FaxProgress> apply(ChannelEvent event, Instant receivedAt) {
    String name = upper(event.name());
    if (name == null) {
      return Optional.empty();
    }
    switch (name) {
      case "CHANNEL_ANSWER":
        return answered(receivedAt);
      case "CHANNEL_CALLSTATE":
        return callState(event, receivedAt);
      case "CHANNEL_HANGUP":
        hangupCause(event);
        return Optional.empty();
      case "CHANNEL_EXECUTE_COMPLETE":
        executeComplete(event, receivedAt);
        return Optional.empty();
      case "CHANNEL_HANGUP_COMPLETE":
        hangupCause(event);
        fallbackFromVariables(event, receivedAt);
        callOver = true;
        return Optional.empty();
      case "CUSTOM":
        return custom(event, receivedAt);
      default:
        return Optional.empty();
    }
  }

  /** The originate's BACKGROUND_JOB said {@code +OK <uuid>}: the far end answered. */
  public Optional<FaxProgress> originateSucceeded(Instant at) {
    return answered(at);
  }

  /**
   * The originate's BACKGROUND_JOB said {@code -ERR <CAUSE>}: the call never connected. It may come
   * after CHANNEL_HANGUP_COMPLETE (capture send-busy) or without any channel event at all (e.g. an
   * unknown gateway, where no channel is created).
   */
  public void originateFailed(HangupCause cause) {
    originateFailure = cause;
    if (answeredAt == null) {
      callOver = true;
    }
  }

  /** Whether the call is over: hung up completely, or the originate failed. */
  public boolean isCallOver() {
    return callOver;
  }

  public Instant answeredAt() {
    return answeredAt;
  }

  public Instant negotiatedAt() {
    return negotiatedAt;
  }

  public Instant lastPageAt() {
    return lastPageAt;
  }

  /** When txfax finished (phase E, or txfax returned without it); null while it runs. */
  public Instant faxEndedAt() {
    return faxEndedAt;
  }

  /** How many times phase B ran so far. */
  public int negotiationCount() {
    return negotiationCount;
  }

  /** The result as far as known, for a call that has not started faxing yet too. */
  public FaxResult result() {
    return result(null);
  }

  /**
   * Classifies the ended call. {@code termination} says whether we ended it ourselves (null: it
   * ended on its own). A successful fax stays a success even if we had to kill the call afterwards
   * (FreeSWITCH's "txfax does not hang up" bugs): sending it again would be a duplicate.
   */
  public CallOutcome outcome(Termination termination) {
    boolean faxRan = phaseE != null;
    if (faxRan && phaseE.success) {
      String detail = termination == null ? null : "fax completed; " + termination.detail();
      return new CallOutcome(AttemptEnd.FAX_COMPLETED, result(null), detail, answeredAt);
    }
    if (termination != null) {
      AttemptEnd end = switch (termination.kind()) {
        case WATCHDOG -> AttemptEnd.WATCHDOG;
        case REQUESTED -> AttemptEnd.CALL_DROPPED;
        case LOST -> faxRan ? AttemptEnd.FAX_COMPLETED : AttemptEnd.CALL_DROPPED;
      };
      return new CallOutcome(end, result(termination.detail()), termination.detail(), answeredAt);
    }
    if (faxRan) {
      return new CallOutcome(AttemptEnd.FAX_COMPLETED, result(null), null, answeredAt);
    }
    if (answeredAt == null) {
      HangupCause cause = originateFailure != null ? originateFailure : hangupCause;
      String detail = "originate failed: " + (cause == null ? HangupCause.UNKNOWN : cause);
      FaxResult notStarted = FaxResult.notStarted(cause, detail);
      return new CallOutcome(AttemptEnd.ORIGINATE_FAILED, notStarted, detail, null);
    }
    if (txfaxCompleted) {
      // mod_spandsp's early errors (missing file, engine init) set Application-Response and no fax_*.
      String detail = applicationResponse == null || applicationResponse.equals("_none_")
          ? "txfax ended without a fax result" : applicationResponse;
      return new CallOutcome(AttemptEnd.EARLY_ERROR, result(detail), detail, answeredAt);
    }
    String detail = "call ended before txfax reported a result";
    return new CallOutcome(AttemptEnd.CALL_DROPPED, result(detail), detail, answeredAt);
  }

  // ------------------------------------------------------------------ events

  private Optional<FaxProgress> answered(Instant at) {
    if (answeredAt != null) {
      return Optional.empty();
    }
    answeredAt = at;
    return Optional.of(new FaxProgress(ProgressStage.ANSWERED, negotiation, transferredSoFar(), totalOrNull()));
  }

  /** gofaxip read the call's life from CHANNEL_CALLSTATE: ACTIVE is the answer, HANGUP the cause. */
  private Optional<FaxProgress> callState(ChannelEvent event, Instant at) {
    String state = upper(event.header("Channel-Call-State"));
    if ("ACTIVE".equals(state)) {
      return answered(at);
    }
    if ("HANGUP".equals(state)) {
      hangupCause(event);
    }
    return Optional.empty();
  }

  private void hangupCause(ChannelEvent event) {
    String cause = event.header("Hangup-Cause");
    if (cause == null) {
      cause = event.header("variable_hangup_cause");
    }
    if (cause != null) {
      hangupCause = HangupCause.fromFreeSwitch(cause);
    }
  }

  private void executeComplete(ChannelEvent event, Instant at) {
    if (!application.equalsIgnoreCase(event.header("Application"))) {
      return;
    }
    txfaxCompleted = true;
    applicationResponse = event.header("Application-Response");
    fallbackFromVariables(event, at);
    if (faxEndedAt == null) {
      faxEndedAt = at;
    }
  }

  private Optional<FaxProgress> custom(ChannelEvent event, Instant at) {
    String sub = event.subclass();
    if (negotiateSubclass.equalsIgnoreCase(sub)) {
      return Optional.of(negotiated(event, at));
    }
    if (pageSubclass.equalsIgnoreCase(sub)) {
      return page(event, at);
    }
    if (resultSubclass.equalsIgnoreCase(sub)) {
      phaseE = new PhaseE("1".equals(trim(event.header("fax-success"))), integer(event.header("fax-result-code")),
          event.header("fax-result-text"), integer(event.header("fax-document-transferred-pages")),
          integer(event.header("fax-document-total-pages")), integer(event.header("fax-bad-rows")),
          integer(event.header("fax-transfer-rate")), event.header("fax-ecm-used"), event.header("fax-t38-status"),
          event.header("fax-remote-station-id"), event.header("fax-local-station-id"));
      phaseEFromSpandsp = true;
      hangupCause(event);
      if (faxEndedAt == null) {
        faxEndedAt = at;
      }
    }
    return Optional.empty();
  }

  private FaxProgress negotiated(ChannelEvent event, Instant at) {
    negotiationCount++;
    negotiatedAt = at;
    Integer rate = integer(event.header("fax-transfer-rate"));
    negotiation = new Negotiation(rate == null ? 0 : rate, "on".equalsIgnoreCase(trim(event.header("fax-ecm-used"))),
        T38Status.fromFreeSwitch(event.header("fax-t38-status")), blankToNull(event.header("fax-remote-station-id")));
    String local = blankToNull(event.header("fax-local-station-id"));
    if (local != null) {
      localStationId = local;
    }
    total(event.header("fax-document-total-pages"));
    return new FaxProgress(ProgressStage.NEGOTIATED, negotiation, transferredSoFar(), totalOrNull());
  }

  private Optional<FaxProgress> page(ChannelEvent event, Instant at) {
    Integer page = integer(event.header("fax-document-transferred-pages"));
    total(event.header("fax-document-total-pages"));
    if (page == null || page < 1) {
      return Optional.empty();
    }
    lastPageAt = at;
    // A page reported twice (it should not be) keeps its latest figures rather than counting twice.
    pages.put(page, new PageResult(page, nonNegative(event.header("fax-bad-rows")),
        nonNegative(event.header("fax-longest-bad-row-run")), blankToNull(event.header("fax-encoding-name")),
        blankToNull(event.header("fax-image-resolution")), blankToNull(event.header("fax-image-pixel-size")),
        integer(event.header("fax-image-size"))));
    return Optional.of(new FaxProgress(ProgressStage.PAGE_TRANSFERRED, negotiation, transferredSoFar(), totalOrNull()));
  }

  /** The fallback of DESIGN §4: the channel variables, used only while no spandsp result arrived. */
  private void fallbackFromVariables(ChannelEvent event, Instant at) {
    String success = trim(event.header("variable_fax_success"));
    if (phaseEFromSpandsp || success == null) {
      return;
    }
    phaseE = new PhaseE("1".equals(success), integer(event.header("variable_fax_result_code")),
        event.header("variable_fax_result_text"), integer(event.header("variable_fax_document_transferred_pages")),
        integer(event.header("variable_fax_document_total_pages")), integer(event.header("variable_fax_bad_rows")),
        integer(event.header("variable_fax_transfer_rate")), event.header("variable_fax_ecm_used"),
        event.header("variable_fax_t38_status"), event.header("variable_fax_remote_station_id"),
        event.header("variable_fax_local_station_id"));
    if (faxEndedAt == null) {
      faxEndedAt = at;
    }
  }

  // ------------------------------------------------------------------ result

  private FaxResult result(String reasonWithoutPhaseE) {
    PhaseE e = phaseE;
    Integer code = e == null ? null : e.code;
    boolean success = e != null && e.success;
    if (success && code == null) {
      code = 0; // fax-success=1 is authoritative; a missing code can only mean OK
    }
    String text = e != null && e.text != null ? e.text : reasonWithoutPhaseE;
    int transferred = e != null && e.transferred != null ? e.transferred : transferredSoFar();
    int total = e != null && e.total != null && e.total > 0 ? e.total : pagesTotal;
    String remote = e != null && blankToNull(e.remote) != null ? e.remote
        : negotiation == null ? null : negotiation.remoteStationId();
    String local = e != null && blankToNull(e.local) != null ? e.local : localStationId;
    Integer rate = e != null && e.rate != null ? e.rate
        : negotiation == null ? null : Integer.valueOf(negotiation.transferRate());
    if (rate != null && rate <= 0) {
      rate = null;
    }
    boolean ecm = e != null && e.ecm != null ? "on".equalsIgnoreCase(trim(e.ecm))
        : negotiation != null && negotiation.ecmUsed();
    T38Status t38 = e != null && e.t38 != null ? T38Status.fromFreeSwitch(e.t38)
        : negotiation == null ? T38Status.UNKNOWN : negotiation.t38Status();
    return new FaxResult(success, code, text, Math.max(0, transferred), Math.max(0, total), hangupCause, remote,
        local, rate, ecm, t38, badRows(e), negotiationCount, new ArrayList<>(pages.values()));
  }

  /**
   * Bad rows over the whole document: the sum of the page events. phase E's {@code fax-bad-rows} is the
   * figure of the last page only, so it is used only when no page event was seen.
   */
  private int badRows(PhaseE e) {
    if (!pages.isEmpty()) {
      return pages.values().stream().mapToInt(PageResult::badRows).sum();
    }
    return e == null || e.badRows == null ? 0 : Math.max(0, e.badRows);
  }

  private int transferredSoFar() {
    return pages.isEmpty() ? 0 : pages.lastKey();
  }

  private Integer totalOrNull() {
    return pagesTotal > 0 ? pagesTotal : null;
  }

  private void total(String value) {
    Integer total = integer(value);
    if (total != null && total > 0) {
      pagesTotal = total;
    }
  }

  // ------------------------------------------------------------------ parsing

  private static Integer integer(String value) {
    String v = trim(value);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int nonNegative(String value) {
    Integer v = integer(value);
    return v == null || v < 0 ? 0 : v;
  }

  private static String trim(String value) {
    return value == null ? null : value.strip();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }
}
