package org.faxserver.router.routing.model;

import java.util.Objects;
import org.faxserver.model.job.DeliveryPlan;

/**
 * The router's answer for a job: a plan to try, or no plan and the reason. "No" is a normal outcome:
 * the job is still published, with an empty plan and the reason, so the queue fails it visibly (the
 * seed dropped jobs without a route and only logged it).
 *
 * @param plan      what to try; empty exactly when {@code rejection} is set
 * @param rejection why there is no plan; null when routed
 */
public record RoutingDecision(DeliveryPlan plan, String rejection) {

  public RoutingDecision {
    Objects.requireNonNull(plan, "plan");
    if (plan.isEmpty() == (rejection == null || rejection.isBlank())) {
      throw new IllegalArgumentException("an empty plan needs a reason and a reason an empty plan");
    }
  }

  public static RoutingDecision routed(DeliveryPlan plan) {
    return new RoutingDecision(plan, null);
  }

  public static RoutingDecision rejected(String reason) {
    return new RoutingDecision(DeliveryPlan.none(), reason);
  }

  public boolean isRejected() {
    return rejection != null;
  }
}
