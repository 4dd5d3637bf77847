package org.faxserver.router.inbound.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.DeliveryPlan;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobOrigin;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.PriorityGroup;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.directory.model.TenantNumber;
import org.faxserver.router.routing.model.DeliveryPlanner;
import org.faxserver.router.routing.model.RoutingDecision;

/**
 * What happens to a received fax ({@code inbound.received}): the delivery job fax-queue executes like
 * any other, planned against the directory as it is now (not as it was when the call was accepted):
 *
 * <ul>
 *   <li>a failed reception is only recorded: no job ({@link Optional#empty()});
 *   <li>the callee is a number on this system → its NUMBER endpoints, else its tenant's, by priority
 *       (gateway → an outbound fax to the PBX, webhook/email → notifier), one plan (decision 0006);
 *       the job belongs to the number's tenant; the carriers are never a target (decision 0005);
 *   <li>the callee is outside the system (a PBX relaying out, {@code relayOut}) → the global gateways,
 *       but only when the caller id is still a number of the call's tenant (checked again: the call may
 *       have been accepted by the gateway's timeout fallback, decision 0009), and sent with it;
 *   <li>anything else is a job with an empty plan and the reason, so fax-queue fails it visibly and
 *       the received document stays referenced: a received fax is never dropped silently.
 * </ul>
 *
 * <p>A fax is never sent back out through the gateway it came in on: a PBX that sends a relayed fax
 * back to the same number (a misrouted DID, a loopback) would otherwise start an endless loop.
 *
 * <p>The job id is derived from the call id, so a redelivered {@code inbound.received} yields the very
 * same job (fax-queue is idempotent on the job id).
 */
public final class ReceivedFaxPlanner {

  /** Label on the job naming the call it was received on, to tie the inbox entry to its delivery. */
  public static final String CALL_LABEL = "inbound-call-id";

  private final DeliveryPlanner planner;

  public ReceivedFaxPlanner(DeliveryPlanner planner) {
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  /** The delivery job for a received fax; empty for a failed reception (nothing to deliver). */
  public Optional<JobRouted> plan(Directory directory, InboundReceived fax) {
    if (!fax.result().success() || fax.document() == null) {
      return Optional.empty();
    }
    Optional<TenantNumber> local = directory.number(fax.callee());
    String tenantId;
    RoutingDecision decision;
    if (local.isPresent()) {
      tenantId = local.get().tenantId();
      decision = planner.planRelay(directory, fax.callee());
    } else {
      tenantId = fax.tenantId();
      decision = fax.caller() == null
          ? RoutingDecision.rejected("received fax for " + fax.callee()
              + ", which is not a number on this system, has no caller id to relay it with")
          : planner.planSubmission(directory, tenantId, fax.caller(), fax.callee());
    }
    decision = withoutSourceGateway(decision, fax.sourceGateway());
    return Optional.of(new JobRouted(
        jobIdFor(fax.callId()),
        tenantId,
        JobOrigin.INBOUND,
        null,
        fax.caller(),
        fax.callee(),
        fax.document(),
        fax.result().pagesTransferred(),
        new JobOptions(null, null, Map.of(CALL_LABEL, fax.callId().toString()), null),
        decision.plan(),
        decision.rejection()));
  }

  /** The decision without gateway endpoints named like the gateway the fax came in on. */
  static RoutingDecision withoutSourceGateway(RoutingDecision decision, String sourceGateway) {
    if (decision.plan().isEmpty() || sourceGateway == null || sourceGateway.isBlank()) {
      return decision;
    }
    List<PriorityGroup> groups = new ArrayList<>();
    for (PriorityGroup group : decision.plan().groups()) {
      List<EndpointRef> kept = group.endpoints().stream()
          .filter(e -> !(e.kind() == EndpointKind.GATEWAY && e.target().equals(sourceGateway)))
          .toList();
      if (!kept.isEmpty()) {
        groups.add(new PriorityGroup(group.priority(), kept));
      }
    }
    if (groups.isEmpty()) {
      return RoutingDecision.rejected("the only delivery endpoint is gateway " + sourceGateway
          + ", which the fax came from; not sending it back (loop)");
    }
    return RoutingDecision.routed(new DeliveryPlan(groups));
  }

  /** The delivery job's id for a call: stable across redeliveries. */
  public static UUID jobIdFor(UUID callId) {
    return UUID.nameUUIDFromBytes(("inbound-job:" + callId).getBytes(StandardCharsets.UTF_8));
  }
}
