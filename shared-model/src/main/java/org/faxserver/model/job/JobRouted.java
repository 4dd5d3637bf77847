package org.faxserver.model.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;

/**
 * Fact (router → queue): a job and its delivery plan. Carries the whole job because the router is
 * stateless and the queue persists from this message alone, for API submissions and inbound relays
 * alike.
 *
 * @param jobId       the job's id (for inbound relays the router creates it)
 * @param tenantId    the tenant the job belongs to
 * @param origin      API submission or inbound relay
 * @param submittedBy user or API key id for API jobs; null for inbound relays
 * @param from        the sender (tenant number for API jobs, the remote caller for relays; may be null
 *                    for relays from anonymous callers)
 * @param to          the destination number (for relays: the DID that was called)
 * @param document    the TIFF-F
 * @param pages       pages in the document
 * @param options     header, ident, labels, idempotency key
 * @param plan        where to deliver; empty if there is no route
 * @param rejection   why the router refused the job or found no route (e.g. a caller id that is not
 *                    the tenant's, no endpoint for the destination); null when the plan is usable.
 *                    Added after version 1 as an optional trailing field: older consumers ignore it
 *                    and still see the empty plan, so no VERSION bump.
 */
public record JobRouted(
    UUID jobId,
    String tenantId,
    JobOrigin origin,
    String submittedBy,
    PhoneNumber from,
    PhoneNumber to,
    DocumentRef document,
    int pages,
    JobOptions options,
    DeliveryPlan plan,
    String rejection) {

  public static final String TYPE = "job.routed";
  public static final int VERSION = 1;

  public JobRouted {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(document, "document");
    options = options == null ? JobOptions.none() : options;
    plan = plan == null ? DeliveryPlan.none() : plan;
    if (origin == JobOrigin.API && from == null) {
      throw new IllegalArgumentException("an API job needs a sender number");
    }
    if (rejection != null && rejection.isBlank()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
    if (rejection != null && !plan.isEmpty()) {
      // A rejected job must not be tried anyway: the queue fails it with the reason.
      throw new IllegalArgumentException("a rejected job has an empty plan");
    }
  }

  /** Without a rejection: the record's shape before {@code rejection} was added. */
  public JobRouted(
      UUID jobId,
      String tenantId,
      JobOrigin origin,
      String submittedBy,
      PhoneNumber from,
      PhoneNumber to,
      DocumentRef document,
      int pages,
      JobOptions options,
      DeliveryPlan plan) {
    this(jobId, tenantId, origin, submittedBy, from, to, document, pages, options, plan, null);
  }

  /** True when the router refused the job or found no route; {@link #rejection()} says why. */
  @JsonIgnore
  public boolean isRejected() {
    return rejection != null;
  }

  /** The routed form of a submission. */
  public static JobRouted of(JobSubmitted submitted, DeliveryPlan plan) {
    return new JobRouted(
        submitted.jobId(),
        submitted.tenantId(),
        JobOrigin.API,
        submitted.submittedBy(),
        submitted.from(),
        submitted.to(),
        submitted.document(),
        submitted.pages(),
        submitted.options(),
        plan,
        null);
  }

  /**
   * The routed form of a submission the router refused or could not route: an empty plan and the
   * reason, so fax-queue fails the job visibly instead of it being dropped.
   */
  public static JobRouted rejected(JobSubmitted submitted, String reason) {
    return new JobRouted(
        submitted.jobId(),
        submitted.tenantId(),
        JobOrigin.API,
        submitted.submittedBy(),
        submitted.from(),
        submitted.to(),
        submitted.document(),
        submitted.pages(),
        submitted.options(),
        DeliveryPlan.none(),
        Objects.requireNonNull(reason, "reason"));
  }
}
