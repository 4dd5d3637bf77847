package org.faxserver.router.inbound.model;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.router.directory.model.AddressBlock;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.directory.model.Endpoint;
import org.faxserver.router.directory.model.IpAddress;
import org.faxserver.router.directory.model.TenantNumber;

/**
 * Decides whether an incoming call is answered and for whom:
 *
 * <ul>
 *   <li>the recipient (the DID, or the Diversion number if so configured) must be a number on this
 *       system, else SIP 404;
 *   <li>when known sources are required, the source address must lie in an allowed source (address or
 *       CIDR block, IPv4 or IPv6) of an enabled gateway, else SIP 401; the seed matched substrings, so
 *       {@code 10.0.0.1} passed as {@code 10.0.0.12} and an empty address passed everything;
 *   <li>on accept: the number's tenant and ident, and the T.38 policy of the gateway whose allowed
 *       block matches most specifically (ties: lower priority, then lower id), or the default.
 * </ul>
 */
public final class InboundRoutePlanner {

  /** SIP "Not Found": the number is not ours. */
  public static final int NOT_FOUND = 404;

  /** SIP "Unauthorized", as the seed answered calls from unknown sources. */
  public static final int UNAUTHORIZED = 401;

  private final InboundPolicy policy;

  public InboundRoutePlanner(InboundPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public InboundRouteDecision decide(Directory directory, InboundRouteRequest call) {
    PhoneNumber recipient = recipientOf(call);
    Optional<TenantNumber> number = directory.number(recipient);
    if (number.isEmpty()) {
      return InboundRouteDecision.reject(
          call.callId(), NOT_FOUND, recipient + " is not a number on this system");
    }
    Optional<Endpoint> gateway = sourceGateway(directory, call.sourceIp());
    if (gateway.isEmpty() && policy.requireKnownSource()) {
      return InboundRouteDecision.reject(call.callId(), UNAUTHORIZED,
          "source address '" + call.sourceIp() + "' is not an allowed source of any enabled gateway");
    }
    T38Policy t38 = gateway.map(Endpoint::t38Policy).orElse(null);
    return InboundRouteDecision.accept(
        call.callId(),
        number.get().tenantId(),
        recipient,
        t38 == null ? policy.defaultT38() : t38,
        number.get().ident());
  }

  private PhoneNumber recipientOf(InboundRouteRequest call) {
    return policy.recipientFromDiversion() && call.diversion() != null
        ? call.diversion()
        : call.callee();
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
