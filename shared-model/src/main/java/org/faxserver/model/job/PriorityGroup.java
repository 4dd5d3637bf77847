package org.faxserver.model.job;

import java.util.List;

/**
 * Endpoints of equal priority. They are tried one after another in list order, never in parallel.
 *
 * @param priority  lower is tried first (kept for display and logs; the plan's order is what counts)
 * @param endpoints at least one endpoint
 */
public record PriorityGroup(int priority, List<EndpointRef> endpoints) {

  public PriorityGroup {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a priority group needs at least one endpoint");
    }
  }

  public static PriorityGroup of(int priority, EndpointRef... endpoints) {
    return new PriorityGroup(priority, List.of(endpoints));
  }
}
