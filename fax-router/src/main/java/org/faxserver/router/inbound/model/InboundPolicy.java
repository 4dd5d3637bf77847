package org.faxserver.router.inbound.model;

import java.util.Objects;
import org.faxserver.model.fax.T38Policy;

/**
 * Settings the inbound decision depends on.
 *
 * @param requireKnownSource     reject calls whose source address is not an allowed source of any
 *                               enabled gateway (the SIP profile does not authenticate calls, so this
 *                               is the only guard)
 * @param recipientFromDiversion the fax is for the Diversion header's number when there is one (the
 *                               seed's {@code recipient_from_diversion_header})
 * @param defaultT38             T.38 handling for gateways that do not set their own
 */
public record InboundPolicy(
    boolean requireKnownSource, boolean recipientFromDiversion, T38Policy defaultT38) {

  public InboundPolicy {
    Objects.requireNonNull(defaultT38, "defaultT38");
  }

  /** Known sources required, the dialled number is the recipient, T.38 accepted. */
  public static InboundPolicy strict() {
    return new InboundPolicy(true, false, T38Policy.ACCEPT);
  }
}
