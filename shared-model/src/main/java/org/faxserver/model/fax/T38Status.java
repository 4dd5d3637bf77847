package org.faxserver.model.fax;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.Locale;

/** What became of T.38 on a call, as mod_spandsp reports it in {@code fax_t38_status}. */
public enum T38Status {
  /** Audio (G.711 softmodem) only; T.38 was not attempted. */
  OFF,
  /** A T.38 re-INVITE was sent or received but the outcome is not known yet. */
  REQUESTED,
  /** The fax went over T.38. */
  NEGOTIATED,
  /** The far end refused T.38; the fax fell back to audio. */
  REFUSED,
  /** Not reported, or a value this enum does not know. */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** Reads {@code fax_t38_status} ("off", "requested", "negotiated", "refused"); never throws. */
  public static T38Status fromFreeSwitch(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "off":
        return OFF;
      case "requested":
        return REQUESTED;
      case "negotiated":
        return NEGOTIATED;
      case "refused":
        return REFUSED;
      default:
        return UNKNOWN;
    }
  }
}
