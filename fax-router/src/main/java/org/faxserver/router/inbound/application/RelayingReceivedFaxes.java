package org.faxserver.router.inbound.application;

import java.util.Objects;
import java.util.Optional;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.JobRouted;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.inbound.model.ReceivedFaxPlanner;
import org.faxserver.support.CachedSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Use case: a fax was received ({@code inbound.received}); plan its delivery as a job. */
public final class RelayingReceivedFaxes {

  private static final Logger log = LoggerFactory.getLogger(RelayingReceivedFaxes.class);

  private final CachedSnapshot<Directory> directory;
  private final ReceivedFaxPlanner planner;

  public RelayingReceivedFaxes(CachedSnapshot<Directory> directory, ReceivedFaxPlanner planner) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  /** The job to publish, or empty when there is nothing to deliver (a failed reception). */
  public Mono<Optional<JobRouted>> relay(InboundReceived fax) {
    if (!fax.result().success()) {
      log.info("Inbound call {} from {} to {} (tenant {}) failed: {} ({} pages); nothing to deliver",
          fax.callId(), fax.caller(), fax.callee(), fax.tenantId(), fax.result().resultText(),
          fax.result().pagesTransferred());
      return Mono.just(Optional.empty());
    }
    return directory.current().map(snapshot -> {
      Optional<JobRouted> job = planner.plan(snapshot, fax);
      job.ifPresent(j -> {
        if (j.isRejected()) {
          log.warn("Received fax {} for {} cannot be delivered: {} (job {} fails, document {} kept)",
              fax.callId(), fax.callee(), j.rejection(), j.jobId(), fax.document().key());
        } else {
          log.info("Received fax {} for {} becomes job {} of tenant {} to {}", fax.callId(), fax.callee(),
              j.jobId(), j.tenantId(), j.plan().endpointsInOrder());
        }
      });
      return job;
    });
  }
}
