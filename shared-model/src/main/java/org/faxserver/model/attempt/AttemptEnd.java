package org.faxserver.model.attempt;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * How an attempt ended, seen from the call. Retry policies need this beyond the fax result: for
 * example, configured "final" hangup causes apply to originate failures only.
 */
public enum AttemptEnd {
  /** The T.30 exchange ran to phase E; the result says whether the fax went through. */
  FAX_COMPLETED,
  /** The call never connected (busy, no answer, rejected, gateway down); see the hangup cause. */
  ORIGINATE_FAILED,
  /** The call connected but txfax did not start (e.g. missing file), so no phase E ran. */
  EARLY_ERROR,
  /** Our watchdog ended the call (answer, training, page or total timeout). */
  WATCHDOG,
  /** The call ended without phase E for another reason (far end hung up before training, ...). */
  CALL_DROPPED,
  /** An end this reader does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN
}
