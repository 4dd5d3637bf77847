package org.faxserver.model.fax;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one fax call (sent or received), folded from the {@code spandsp::*} events and the
 * {@code variable_fax_*} channel variables.
 *
 * <p>{@code resultCode} is null when phase E never ran: the call failed before the fax started, or
 * txfax/rxfax refused to start (e.g. missing file). Such a result is never a success.
 *
 * @param success          whether the whole document was transferred ({@code fax_success=1})
 * @param resultCode       T.30 completion code 0–61 ({@code fax_result_code}); null without phase E
 * @param resultText       text for the code ({@code fax_result_text}), or our reason without phase E
 * @param pagesTransferred pages completed ({@code fax_document_transferred_pages})
 * @param pagesTotal       pages in the document (TX) or announced (RX); 0 if unknown
 * @param hangupCause      how the call ended
 * @param remoteStationId  the far end's CSID/TSI ({@code fax_remote_station_id}); may be null
 * @param localStationId   our ident as used ({@code fax_local_station_id}); may be null
 * @param transferRate     negotiated bit rate, e.g. 14400 ({@code fax_transfer_rate}); null if none
 * @param ecmUsed          whether ECM was in effect ({@code fax_ecm_used})
 * @param t38Status        T.38 outcome ({@code fax_t38_status})
 * @param badRows          bad rows over the whole document ({@code fax_bad_rows})
 * @param negotiationCount how many times phase B (training) ran; more than one hints at line trouble
 * @param pages            per-page data in page order; empty if no page was transferred
 */
public record FaxResult(
    boolean success,
    Integer resultCode,
    String resultText,
    int pagesTransferred,
    int pagesTotal,
    HangupCause hangupCause,
    String remoteStationId,
    String localStationId,
    Integer transferRate,
    boolean ecmUsed,
    T38Status t38Status,
    int badRows,
    int negotiationCount,
    List<PageResult> pages) {

  public FaxResult {
    hangupCause = hangupCause == null ? HangupCause.UNKNOWN : hangupCause;
    t38Status = t38Status == null ? T38Status.UNKNOWN : t38Status;
    pages = pages == null ? List.of() : List.copyOf(pages);
    if (success && resultCode == null) {
      throw new IllegalArgumentException("a successful fax must carry its T.30 result code");
    }
    if (pagesTransferred < 0 || pagesTotal < 0 || badRows < 0 || negotiationCount < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  /**
   * A call that ended before any fax exchange (busy, no answer, rejected, early txfax error): no T.30
   * code, no pages.
   */
  public static FaxResult notStarted(HangupCause hangupCause, String reason) {
    return new FaxResult(
        false, null, reason, 0, 0, hangupCause, null, null, null, false, T38Status.UNKNOWN, 0, 0,
        List.of());
  }

  /** The T.30 completion for {@link #resultCode()}; empty without phase E or for unknown codes. */
  @JsonIgnore
  public Optional<T30Completion> t30Completion() {
    return resultCode == null ? Optional.empty() : T30Completion.byCode(resultCode);
  }

  /** Whether the T.30 exchange (phase E) took place at all. */
  @JsonIgnore
  public boolean faxStarted() {
    return resultCode != null;
  }
}
