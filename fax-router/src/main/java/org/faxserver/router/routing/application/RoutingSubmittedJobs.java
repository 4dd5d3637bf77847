package org.faxserver.router.routing.application;

import java.util.Objects;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.routing.model.DeliveryPlanner;
import org.faxserver.router.routing.model.RoutingDecision;
import org.faxserver.support.CachedSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Use case: a job was submitted; plan it against the current directory. A refusal is an outcome, not
 * an error: it becomes a {@code job.routed} with an empty plan and the reason.
 */
public final class RoutingSubmittedJobs {

  private static final Logger log = LoggerFactory.getLogger(RoutingSubmittedJobs.class);

  private final CachedSnapshot<Directory> directory;
  private final DeliveryPlanner planner;

  public RoutingSubmittedJobs(CachedSnapshot<Directory> directory, DeliveryPlanner planner) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  public Mono<JobRouted> route(JobSubmitted job) {
    return directory.current().map(snapshot -> toRouted(job,
        planner.planSubmission(snapshot, job.tenantId(), job.from(), job.to())));
  }

  private static JobRouted toRouted(JobSubmitted job, RoutingDecision decision) {
    if (decision.isRejected()) {
      log.info("Job {} of tenant {} not routed: {}", job.jobId(), job.tenantId(), decision.rejection());
      return JobRouted.rejected(job, decision.rejection());
    }
    log.info("Job {} of tenant {} routed to {}", job.jobId(), job.tenantId(),
        decision.plan().endpointsInOrder());
    return JobRouted.of(job, decision.plan());
  }
}
