package org.faxserver.router.routing.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.directory.model.Endpoint;
import org.faxserver.router.directory.model.TenantNumber;

/**
 * Builds delivery plans from a directory snapshot. The rules, each tested on its own:
 *
 * <ul>
 *   <li>the submitting tenant must exist and the caller id must be one of its numbers (the seed let
 *       any tenant send with another tenant's number);
 *   <li>a destination that is a number on this system is delivered to that number's endpoints, or,
 *       if it has none, to its tenant's endpoints; it never goes out through a carrier (which could
 *       route the DID straight back to us, the seed's loop);
 *   <li>any other destination goes out through the GLOBAL gateways;
 *   <li>disabled and source-only endpoints are never delivery targets;
 *   <li>groups by priority ascending, last-resort endpoints after all others, ties by endpoint id;
 *   <li>no endpoint at all is a rejection with a reason, never a silent drop.
 * </ul>
 */
public final class DeliveryPlanner {

  /** Plans a job submitted through the API by {@code tenantId}, from {@code from} to {@code to}. */
  public RoutingDecision planSubmission(
      Directory directory, String tenantId, PhoneNumber from, PhoneNumber to) {
    Optional<String> refusal = callerIdRefusal(directory, tenantId, from);
    if (refusal.isPresent()) {
      return RoutingDecision.rejected(refusal.get());
    }
    return directory
        .number(to)
        .map(number -> planLocal(directory, number, number.tenantId().equals(tenantId)))
        .orElseGet(() -> planExternal(directory, to));
  }

  /**
   * Plans the relay of a received fax to the tenant owning {@code did}. Unlike a submission it never
   * falls back to the carriers: the fax came from outside, so sending it back out is the seed's loop.
   */
  public RoutingDecision planRelay(Directory directory, PhoneNumber did) {
    return directory
        .number(did)
        .map(number -> planLocal(directory, number, true))
        .orElseGet(() -> RoutingDecision.rejected(
            did + " is not a number on this system; received faxes are never relayed to carriers"));
  }

  private static Optional<String> callerIdRefusal(
      Directory directory, String tenantId, PhoneNumber from) {
    if (directory.tenant(tenantId).isEmpty()) {
      return Optional.of("tenant " + tenantId + " is not in the directory");
    }
    Optional<TenantNumber> sender = directory.number(from);
    if (sender.isEmpty() || !sender.get().tenantId().equals(tenantId)) {
      return Optional.of("caller id " + from + " is not a number of tenant " + tenantId);
    }
    return Optional.empty();
  }

  /**
   * Delivery to a number on this system. The reason for a rejection ends up in the job the submitter reads, so only
   * the number's own tenant is told whose number it is and why; another tenant learns only that there is no route.
   */
  private static RoutingDecision planLocal(Directory directory, TenantNumber number, boolean ownTenant) {
    List<Endpoint> targets = deliveryTargets(directory.numberEndpoints(number));
    if (targets.isEmpty()) {
      targets = deliveryTargets(directory.tenantEndpoints(number.tenantId()));
    }
    if (targets.isEmpty()) {
      return RoutingDecision.rejected(ownTenant
          ? number.number() + " is a number of tenant " + number.tenantId()
              + " but has no enabled delivery endpoint, nor has its tenant"
          : "no delivery route to " + number.number());
    }
    return RoutingDecision.routed(group(targets));
  }

  private static RoutingDecision planExternal(Directory directory, PhoneNumber to) {
    List<Endpoint> gateways =
        deliveryTargets(directory.globalEndpoints()).stream()
            .filter(e -> e.kind() == EndpointKind.GATEWAY)
            .toList();
    if (gateways.isEmpty()) {
      return RoutingDecision.rejected(
          "no enabled global gateway to reach " + to + ", which is not a number on this system");
    }
    return RoutingDecision.routed(group(gateways));
  }

  private static List<Endpoint> deliveryTargets(List<Endpoint> endpoints) {
    return endpoints.stream()
        .filter(Endpoint::isDeliveryTarget)
        .sorted(Endpoint.DELIVERY_ORDER)
        .toList();
  }

  /** Consecutive endpoints (already in delivery order) of equal rank form one group. */
  private static DeliveryPlan group(List<Endpoint> ordered) {
    List<PriorityGroup> groups = new ArrayList<>();
    List<EndpointRef> current = new ArrayList<>();
    Endpoint first = null;
    for (Endpoint e : ordered) {
      if (first != null && (e.lastResort() != first.lastResort() || e.priority() != first.priority())) {
        groups.add(new PriorityGroup(first.priority(), current));
        current = new ArrayList<>();
      }
      if (current.isEmpty()) {
        first = e;
      }
      current.add(e.toRef());
    }
    groups.add(new PriorityGroup(first.priority(), current));
    return new DeliveryPlan(groups);
  }
}
