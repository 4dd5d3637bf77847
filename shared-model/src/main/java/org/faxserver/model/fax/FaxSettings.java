package org.faxserver.model.fax;

import java.util.Objects;

/**
 * The fax parameters of one call, decided by fax-queue (degrade rules, softmodem fallback) or
 * fax-router (inbound) and applied by esl-gateway as {@code fax_*} channel variables.
 *
 * @param t38         T.38 handling
 * @param ecm         request error correction mode ({@code fax_use_ecm})
 * @param v17Disabled limit to V.29/V.27ter ({@code fax_disable_v17}), a common cure for training failures
 * @param ident       our station id, TSI/CSI ({@code fax_ident}); null keeps the FreeSWITCH default
 * @param header      page header text ({@code fax_header}); null keeps the FreeSWITCH default
 */
public record FaxSettings(T38Policy t38, boolean ecm, boolean v17Disabled, String ident, String header) {

  public FaxSettings {
    Objects.requireNonNull(t38, "t38");
  }

  /** What a call gets unless a rule says otherwise: T.38 accepted, ECM on, V.17 allowed. */
  public static FaxSettings defaults() {
    return new FaxSettings(T38Policy.ACCEPT, true, false, null, null);
  }

  public FaxSettings withT38(T38Policy policy) {
    return new FaxSettings(policy, ecm, v17Disabled, ident, header);
  }

  public FaxSettings withEcm(boolean enabled) {
    return new FaxSettings(t38, enabled, v17Disabled, ident, header);
  }

  public FaxSettings withV17Disabled(boolean disabled) {
    return new FaxSettings(t38, ecm, disabled, ident, header);
  }

  public FaxSettings withIdent(String newIdent) {
    return new FaxSettings(t38, ecm, v17Disabled, newIdent, header);
  }

  public FaxSettings withHeader(String newHeader) {
    return new FaxSettings(t38, ecm, v17Disabled, ident, newHeader);
  }
}
