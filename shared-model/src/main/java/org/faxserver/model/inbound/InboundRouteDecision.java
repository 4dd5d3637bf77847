package org.faxserver.model.inbound;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;

/**
 * Reply (router → esl-gateway) to an {@link InboundRouteRequest}: either accept the call for a tenant
 * or reject it with a SIP status. Use {@link #accept}, {@link #relayOut} and {@link #reject}; the
 * constructor checks that exactly the fields of one kind are set.
 *
 * <p>An accepted call is either a fax <em>for</em> a number on this system ({@code relayOut == false}:
 * {@code tenantId} owns {@code recipient}) or, from a tenant PBX only, a fax to a number outside the
 * system that is to be relayed out through the global (carrier) gateways ({@code relayOut == true}:
 * {@code tenantId} is the sending tenant, {@code recipient} the outside number).
 *
 * @param callId    the call this answers
 * @param accepted  true to answer and receive, false to reject
 * @param tenantId  the receiving tenant, or the sending tenant when {@code relayOut} (accept only)
 * @param recipient the number the fax is for: a tenant number, e.g. the diversion number, or the
 *                  outside number when {@code relayOut} (accept only)
 * @param t38       T.38 handling for the reception (accept only)
 * @param ident     our CSI to present (accept only; null for the default)
 * @param sipCode   SIP status to reject with, 400–699 (reject only)
 * @param reason    why, for logs and the SIP reason phrase (reject only)
 * @param relayOut  the recipient is not on this system: receive the fax from the sending tenant's PBX
 *                  and send it on through the global gateways (accept only; a message without the field
 *                  reads as false)
 */
public record InboundRouteDecision(
    UUID callId,
    boolean accepted,
    String tenantId,
    PhoneNumber recipient,
    T38Policy t38,
    String ident,
    Integer sipCode,
    String reason,
    boolean relayOut) {

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
    } else if (relayOut) {
      throw new IllegalArgumentException("a rejected call is not relayed");
    }
  }

  /** Accept a fax for {@code recipient}, a number of {@code tenantId} on this system. */
  public static InboundRouteDecision accept(
      UUID callId, String tenantId, PhoneNumber recipient, T38Policy t38, String ident) {
    return new InboundRouteDecision(callId, true, tenantId, recipient, t38, ident, null, null, false);
  }

  /**
   * Accept a fax from a PBX of {@code tenantId} for {@code recipient}, a number outside this system,
   * to be relayed out through the global gateways.
   */
  public static InboundRouteDecision relayOut(
      UUID callId, String tenantId, PhoneNumber recipient, T38Policy t38, String ident) {
    return new InboundRouteDecision(callId, true, tenantId, recipient, t38, ident, null, null, true);
  }

  /** Reject, e.g. 404 for an unknown number, 401 for an unknown source, 403 for a foreign caller id. */
  public static InboundRouteDecision reject(UUID callId, int sipCode, String reason) {
    return new InboundRouteDecision(callId, false, null, null, null, null, sipCode, reason, false);
  }

  @JsonIgnore
  public boolean isRejected() {
    return !accepted;
  }
}
