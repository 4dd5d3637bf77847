package org.faxserver.model.inbound;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;

/**
 * Reply (router → esl-gateway) to an {@link InboundRouteRequest}: either accept the call for a tenant
 * or reject it with a SIP status. Use {@link #accept} and {@link #reject}; the constructor checks that
 * exactly the fields of one kind are set.
 *
 * @param callId    the call this answers
 * @param accepted  true to answer and receive, false to reject
 * @param tenantId  the receiving tenant (accept only)
 * @param recipient the tenant number the fax is for, e.g. the diversion number (accept only)
 * @param t38       T.38 handling for the reception (accept only)
 * @param ident     our CSI to present (accept only; null for the default)
 * @param sipCode   SIP status to reject with, 400–699 (reject only)
 * @param reason    why, for logs and the SIP reason phrase (reject only)
 */
public record InboundRouteDecision(
    UUID callId,
    boolean accepted,
    String tenantId,
    PhoneNumber recipient,
    T38Policy t38,
    String ident,
    Integer sipCode,
    String reason) {

  public static final String TYPE = "route.inbound.decision";
  public static final int VERSION = 1;

  public InboundRouteDecision {
    Objects.requireNonNull(callId, "callId");
    if (accepted) {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(recipient, "recipient");
      t38 = t38 == null ? T38Policy.ACCEPT : t38;
      if (sipCode != null) {
        throw new IllegalArgumentException("an accepted call has no SIP reject code");
      }
    } else if (sipCode == null || sipCode < 400 || sipCode > 699) {
      throw new IllegalArgumentException("a rejection needs a SIP code 400-699, was " + sipCode);
    }
  }

  public static InboundRouteDecision accept(
      UUID callId, String tenantId, PhoneNumber recipient, T38Policy t38, String ident) {
    return new InboundRouteDecision(callId, true, tenantId, recipient, t38, ident, null, null);
  }

  /** Reject, e.g. 404 for an unknown number or 403 for a caller outside the ACL. */
  public static InboundRouteDecision reject(UUID callId, int sipCode, String reason) {
    return new InboundRouteDecision(callId, false, null, null, null, null, sipCode, reason);
  }

  @JsonIgnore
  public boolean isRejected() {
    return !accepted;
  }
}
