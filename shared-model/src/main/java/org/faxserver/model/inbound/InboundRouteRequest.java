package org.faxserver.model.inbound;

import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;

/**
 * Request (esl-gateway → router, request/reply with a short timeout): a call came in; may we take it
 * and for whom? Numbers are parsed by esl-gateway, which holds the default region.
 *
 * @param callId        FreeSWITCH channel uuid of the incoming call
 * @param caller        the calling number; null if anonymous or unparsable
 * @param callerName    the caller id name; may be null
 * @param callee        the dialled number (DID)
 * @param diversion     the original called number from a Diversion header; null if none
 * @param sourceGateway the sofia gateway/profile the call arrived on; may be null
 * @param sourceIp      the SIP peer's address, for ACL checks; may be null
 */
public record InboundRouteRequest(
    UUID callId,
    PhoneNumber caller,
    String callerName,
    PhoneNumber callee,
    PhoneNumber diversion,
    String sourceGateway,
    String sourceIp) {

  public static final String TYPE = "route.inbound";
  public static final int VERSION = 1;

  public InboundRouteRequest {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(callee, "callee");
  }
}
