package org.faxserver.model.attempt;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** How far a fax call has come. */
public enum ProgressStage {
  /** The far end answered. */
  ANSWERED,
  /** Phase B done: modems trained ({@code spandsp::*faxnegociateresult}). */
  NEGOTIATED,
  /** Phase D: a page went through ({@code spandsp::*faxpageresult}). */
  PAGE_TRANSFERRED,
  /** A stage this reader does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN
}
