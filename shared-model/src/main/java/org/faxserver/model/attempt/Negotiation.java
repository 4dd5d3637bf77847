package org.faxserver.model.attempt;

import org.faxserver.model.fax.T38Status;

/**
 * What phase B settled on.
 *
 * @param transferRate    bit rate, e.g. 14400 ({@code fax-transfer-rate})
 * @param ecmUsed         whether ECM is in effect
 * @param t38Status       T.38 outcome
 * @param remoteStationId the far end's CSID/TSI; may be null
 */
public record Negotiation(int transferRate, boolean ecmUsed, T38Status t38Status, String remoteStationId) {

  public Negotiation {
    t38Status = t38Status == null ? T38Status.UNKNOWN : t38Status;
  }
}
