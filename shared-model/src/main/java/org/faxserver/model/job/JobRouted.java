package org.faxserver.model.job;

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
    DeliveryPlan plan) {

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
        plan);
  }
}
