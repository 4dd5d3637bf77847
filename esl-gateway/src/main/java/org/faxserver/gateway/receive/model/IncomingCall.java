package org.faxserver.gateway.receive.model;

import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.inbound.InboundRouteRequest;

/**
 * An incoming call as read from the outbound socket's CHANNEL_DATA.
 *
 * @param callId        the channel's {@code Unique-ID}
 * @param caller        the caller id number; null if anonymous or unparsable
 * @param callerName    the caller id name; may be null
 * @param recipient     the number the fax is for (To user, or the Diversion number when configured);
 *                      null when it could not be read as a number
 * @param recipientText what the headers said, for logs and the 404 reason
 * @param diversion     the Diversion header's number; null if none or unparsable
 * @param sourceIp      {@code variable_sip_network_ip}; may be null
 * @param sourceGateway {@code variable_sip_gateway} (or the sofia profile); may be null
 */
public record IncomingCall(
    UUID callId,
    PhoneNumber caller,
    String callerName,
    PhoneNumber recipient,
    String recipientText,
    PhoneNumber diversion,
    String sourceIp,
    String sourceGateway) {

  public IncomingCall {
    Objects.requireNonNull(callId, "callId");
  }

  /** The question for the router; only for a call with a readable recipient. */
  public InboundRouteRequest toRequest() {
    if (recipient == null) {
      throw new IllegalStateException("call " + callId + " has no readable recipient");
    }
    return new InboundRouteRequest(callId, caller, callerName, recipient, diversion, sourceGateway, sourceIp);
  }
}
