package org.faxserver.model.fax;

import java.util.Optional;

/**
 * T.30 completion codes as mod_spandsp reports them in {@code fax_result_code} and
 * {@code fax_result_text}: spandsp's {@code T30_ERR_*} enum (0–61, same order in 0.0.6 and in
 * freeswitch/spandsp). Constant names drop the {@code T30_ERR_} prefix; {@link #text()} is exactly
 * what {@code t30_completion_code_to_str()} returns (printed from libspandsp 0.0.6), so it equals the
 * {@code fax_result_text} FreeSWITCH sends.
 */
public enum T30Completion {
  OK(0, "OK"),
  CEDTONE(1, "The CED tone exceeded 5s"),
  T0_EXPIRED(2, "Timed out waiting for initial communication"),
  T1_EXPIRED(3, "Timed out waiting for the first message"),
  T3_EXPIRED(4, "Timed out waiting for procedural interrupt"),
  HDLC_CARRIER(5, "The HDLC carrier did not stop in a timely manner"),
  CANNOT_TRAIN(6, "Failed to train with any of the compatible modems"),
  OPER_INT_FAIL(7, "Operator intervention failed"),
  INCOMPATIBLE(8, "Far end is not compatible"),
  RX_INCAPABLE(9, "Far end is not able to receive"),
  TX_INCAPABLE(10, "Far end is not able to transmit"),
  NORESSUPPORT(11, "Far end cannot receive at the resolution of the image"),
  NOSIZESUPPORT(12, "Far end cannot receive at the size of image"),
  UNEXPECTED(13, "Unexpected message received"),
  TX_BADDCS(14, "Received bad response to DCS or training"),
  TX_BADPG(15, "Received a DCN from remote after sending a page"),
  TX_ECMPHD(16, "Invalid ECM response received from receiver"),
  TX_GOTDCN(17, "Received a DCN while waiting for a DIS"),
  TX_INVALRSP(18, "Invalid response after sending a page"),
  TX_NODIS(19, "Received other than DIS while waiting for DIS"),
  TX_PHBDEAD(20, "Received no response to DCS or TCF"),
  TX_PHDDEAD(21, "No response after sending a page"),
  TX_T5EXP(22, "Timed out waiting for receiver ready (ECM mode)"),
  RX_ECMPHD(23, "Invalid ECM response received from transmitter"),
  RX_GOTDCS(24, "DCS received while waiting for DTC"),
  RX_INVALCMD(25, "Unexpected command after page received"),
  RX_NOCARRIER(26, "Carrier lost during fax receive"),
  RX_NOEOL(27, "Timed out while waiting for EOL (end Of line)"),
  RX_NOFAX(28, "Timed out while waiting for first line"),
  RX_T2EXPDCN(29, "Timer T2 expired while waiting for DCN"),
  RX_T2EXPD(30, "Timer T2 expired while waiting for phase D"),
  RX_T2EXPFAX(31, "Timer T2 expired while waiting for fax page"),
  RX_T2EXPMPS(32, "Timer T2 expired while waiting for next fax page"),
  RX_T2EXPRR(33, "Timer T2 expired while waiting for RR command"),
  RX_T2EXP(34, "Timer T2 expired while waiting for NSS, DCS or MCF"),
  RX_DCNWHY(35, "Unexpected DCN while waiting for DCS or DIS"),
  RX_DCNDATA(36, "Unexpected DCN while waiting for image data"),
  RX_DCNFAX(37, "Unexpected DCN while waiting for EOM, EOP or MPS"),
  RX_DCNPHD(38, "Unexpected DCN after EOM or MPS sequence"),
  RX_DCNRRD(39, "Unexpected DCN after RR/RNR sequence"),
  RX_DCNNORTN(40, "Unexpected DCN after requested retransmission"),
  FILEERROR(41, "TIFF/F file cannot be opened"),
  NOPAGE(42, "TIFF/F page not found"),
  BADTIFF(43, "TIFF/F format is not compatible"),
  BADPAGE(44, "TIFF/F page number tag missing"),
  BADTAG(45, "Incorrect values for TIFF/F tags"),
  BADTIFFHDR(46, "Bad TIFF/F header - incorrect values in fields"),
  NOMEM(47, "Cannot allocate memory for more pages"),
  RETRYDCN(48, "Disconnected after permitted retries"),
  CALLDROPPED(49, "The call dropped prematurely"),
  NOPOLL(50, "Poll not accepted"),
  IDENT_UNACCEPTABLE(51, "Ident not accepted"),
  SUB_UNACCEPTABLE(52, "Sub-address not accepted"),
  SEP_UNACCEPTABLE(53, "Selective polling address not accepted"),
  PSA_UNACCEPTABLE(54, "Polled sub-address not accepted"),
  SID_UNACCEPTABLE(55, "Sender identification not accepted"),
  PWD_UNACCEPTABLE(56, "Password not accepted"),
  TSA_UNACCEPTABLE(57, "Transmitting subscriber internet address not accepted"),
  IRA_UNACCEPTABLE(58, "Internet routing address not accepted"),
  CIA_UNACCEPTABLE(59, "Calling subscriber internet address not accepted"),
  ISP_UNACCEPTABLE(60, "Internet selective polling address not accepted"),
  CSA_UNACCEPTABLE(61, "Called subscriber internet address not accepted");

  private static final T30Completion[] BY_CODE = values();

  private final int code;
  private final String text;

  T30Completion(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The completion for a {@code fax_result_code}, or empty for codes spandsp does not define. */
  public static Optional<T30Completion> byCode(int code) {
    return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
  }

  /** The numeric {@code fax_result_code}. */
  public int code() {
    return code;
  }

  /** The exact {@code fax_result_text} spandsp gives for this code. */
  public String text() {
    return text;
  }

  /** Only {@link #OK} means the document was transferred. */
  public boolean isSuccess() {
    return this == OK;
  }

  /**
   * Whether the failure lies in our own TIFF/F document (codes 41–47): sending the same file again
   * fails the same way, so such a failure should not be retried as it is.
   */
  public boolean isDocumentError() {
    return code >= FILEERROR.code && code <= NOMEM.code;
  }

  /**
   * A hint for retry policies: every failure except {@link #isDocumentError() document errors}.
   * Line and modem problems (training, timeouts, dropped calls) often succeed on a later try, which is
   * why the system we replace retried every connected-but-failed fax. The policy itself lives in
   * fax-queue.
   */
  public boolean isRetryable() {
    return !isSuccess() && !isDocumentError();
  }
}
