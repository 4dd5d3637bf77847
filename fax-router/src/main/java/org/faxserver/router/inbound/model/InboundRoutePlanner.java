package org.faxserver.router.inbound.model;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.net.AddressBlock;
import org.faxserver.model.net.IpAddress;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.directory.model.Endpoint;
import org.faxserver.router.directory.model.EndpointScope;
import org.faxserver.router.directory.model.TenantNumber;

/**
 * Decides whether an incoming call is answered and for whom. The source is decided first, so nothing
 * about the called number is revealed to, or depends on, a caller we do not know:
 *
 * <ol>
 *   <li><b>Source.</b> The source address must lie in an allowed source (address or CIDR block, IPv4
 *       or IPv6) of an enabled gateway; the gateway whose block matches most specifically is the
 *       source (ties: lower priority, then lower id). When known sources are required and none
 *       matches: SIP {@value #UNAUTHORIZED}, whatever the number (no DID enumeration). The seed matched
 *       substrings, so {@code 10.0.0.1} passed as {@code 10.0.0.12} and an empty address passed
 *       everything.
 *   <li><b>Tenant PBX</b> (a TENANT- or NUMBER-scoped gateway): the caller id must be a number of that
 *       gateway's tenant, else SIP {@value #FORBIDDEN} (the seed let a PBX send with any tenant's
 *       number). Then:
 *       <ul>
 *         <li>a recipient on this system is received for the recipient's tenant, like any call;
 *         <li>any other recipient is accepted as a relay ({@link InboundRouteDecision#relayOut}) for
 *             the PBX's tenant: it goes out through the global gateways.
 *       </ul>
 *   <li><b>Carrier</b> (a GLOBAL gateway), or an unknown source when sources need not be known: the
 *       recipient must be a number on this system, else SIP {@value #NOT_FOUND}. A fax for an unknown
 *       number is never sent back to the carriers (the seed did, and could loop).
 * </ol>
 *
 * <p>On accept: T.38 policy of the source gateway, or the default; the recipient number's ident
 * (null for a relay, whose recipient is not ours).
 */
public final class InboundRoutePlanner {

  /** SIP "Unauthorized", as the seed answered calls from unknown sources. */
  public static final int UNAUTHORIZED = 401;

  /**
   * SIP "Forbidden": the source is a known tenant PBX, but the caller id is not one of its tenant's
   * numbers. Not 401: the source is identified, re-authenticating would not help.
   */
  public static final int FORBIDDEN = 403;

  /** SIP "Not Found": a call from a carrier (or unknown source) for a number that is not ours. */
  public static final int NOT_FOUND = 404;

  private final InboundPolicy policy;

  public InboundRoutePlanner(InboundPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public InboundRouteDecision decide(Directory directory, InboundRouteRequest call) {
    Optional<Endpoint> gateway = sourceGateway(directory, call.sourceIp());
    if (gateway.isEmpty() && policy.requireKnownSource()) {
      return InboundRouteDecision.reject(call.callId(), UNAUTHORIZED,
          "source address '" + call.sourceIp() + "' is not an allowed source of any enabled gateway");
    }
    T38Policy t38 = gateway.map(Endpoint::t38Policy).orElse(policy.defaultT38());
    PhoneNumber recipient = recipientOf(call);
    Optional<TenantNumber> number = directory.number(recipient);

    if (gateway.isPresent() && gateway.get().scope() != EndpointScope.GLOBAL) {
      Endpoint pbx = gateway.get();
      if (!isNumberOf(directory, call.caller(), pbx.tenantId())) {
        String caller = call.caller() == null ? "(none)" : call.caller().toString();
        return InboundRouteDecision.reject(call.callId(), FORBIDDEN, "caller id " + caller
            + " is not a number of tenant " + pbx.tenantId() + ", owner of gateway " + pbx.target());
      }
      if (number.isEmpty()) {
        return InboundRouteDecision.relayOut(call.callId(), pbx.tenantId(), recipient, t38, null);
      }
    } else if (number.isEmpty()) {
      return InboundRouteDecision.reject(
          call.callId(), NOT_FOUND, recipient + " is not a number on this system");
    }
    return InboundRouteDecision.accept(
        call.callId(), number.get().tenantId(), recipient, t38, number.get().ident());
  }

  private PhoneNumber recipientOf(InboundRouteRequest call) {
    return policy.recipientFromDiversion() && call.diversion() != null
        ? call.diversion()
        : call.callee();
  }

  private static boolean isNumberOf(Directory directory, PhoneNumber caller, String tenantId) {
    return directory.number(caller).filter(n -> n.tenantId().equals(tenantId)).isPresent();
  }

  /** The enabled gateway whose allowed block contains the address most specifically. */
  private static Optional<Endpoint> sourceGateway(Directory directory, String sourceIp) {
    Optional<IpAddress> address = IpAddress.parse(sourceIp);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    return directory.allEndpoints().stream()
        .filter(Endpoint::isCallSource)
        .flatMap(e -> e.bestMatchFor(address.get()).map(block -> Map.entry(e, block)).stream())
        .min(Comparator.<Map.Entry<Endpoint, AddressBlock>>comparingInt(
                m -> -m.getValue().prefixLength())
            .thenComparing(m -> m.getKey(), Endpoint.DELIVERY_ORDER))
        .map(Map.Entry::getKey);
  }
}
