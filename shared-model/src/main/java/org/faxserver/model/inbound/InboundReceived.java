package org.faxserver.model.inbound;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;

/**
 * Fact (esl-gateway → router, queue): an accepted inbound call is over. On success the router builds
 * the delivery plan for the tenant; failures are recorded only.
 *
 * @param callId        FreeSWITCH channel uuid of the call
 * @param tenantId      the receiving tenant (from the route decision)
 * @param caller        calling number; null if anonymous or unparsable
 * @param callee        the tenant number the fax is for
 * @param sourceGateway the gateway the call arrived on; may be null
 * @param document      the received TIFF; null if no page arrived
 * @param result        the reception result
 * @param startedAt     when the call was answered
 */
public record InboundReceived(
    UUID callId,
    String tenantId,
    PhoneNumber caller,
    PhoneNumber callee,
    String sourceGateway,
    DocumentRef document,
    FaxResult result,
    Instant startedAt) {

  public static final String TYPE = "inbound.received";
  public static final int VERSION = 1;

  public InboundReceived {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(result, "result");
    if (result.success() && document == null) {
      throw new IllegalArgumentException("a successful reception must reference its document");
    }
  }
}
