package org.faxserver.model.fax;

/**
 * How a call should treat T.38, mapped by esl-gateway onto mod_spandsp's variables
 * ({@code fax_enable_t38}, {@code fax_enable_t38_request}).
 */
public enum T38Policy {
  /** Audio only: numbers on the softmodem fallback list, or gateways that mangle T.38. */
  OFF,
  /** Accept a T.38 re-INVITE from the far end but do not send one. */
  ACCEPT,
  /** Accept T.38 and also send the re-INVITE ourselves. */
  REQUEST
}
