package org.faxserver.model.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Where a job goes, decided by fax-router: priority groups in the order they are tried. A successful
 * delivery to any endpoint ends the plan. An empty plan means there is no route; fax-queue fails the
 * job instead of trying anything.
 *
 * @param groups ordered, first tried first
 */
public record DeliveryPlan(List<PriorityGroup> groups) {

  public DeliveryPlan {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public static DeliveryPlan of(PriorityGroup... groups) {
    return new DeliveryPlan(List.of(groups));
  }

  /** No route: nothing to try. */
  public static DeliveryPlan none() {
    return new DeliveryPlan(List.of());
  }

  @JsonIgnore
  public boolean isEmpty() {
    return groups.isEmpty();
  }

  /** All endpoints in the order they are tried. */
  @JsonIgnore
  public List<EndpointRef> endpointsInOrder() {
    return groups.stream().flatMap(group -> group.endpoints().stream()).toList();
  }
}
