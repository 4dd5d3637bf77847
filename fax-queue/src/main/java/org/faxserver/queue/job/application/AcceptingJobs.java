package org.faxserver.queue.job.application;

import java.time.Clock;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.job.model.JobChange;
import org.faxserver.queue.job.model.JobWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code job.routed}: stores the job with its plan and makes attempt 1 due now (the scheduler starts
 * it), or fails it at once when the plan is empty. Idempotent on the job id (a redelivered or repeated
 * {@code job.routed} finds the job stored and changes nothing), so no processed-message bookkeeping.
 */
public final class AcceptingJobs {

  private static final Logger log = LoggerFactory.getLogger(AcceptingJobs.class);

  private final JobWorkflow workflow;
  private final JobStore jobs;
  private final JobMessages messages;
  private final TransactionalOperator tx;
  private final Clock clock;

  public AcceptingJobs(JobWorkflow workflow, JobStore jobs, JobMessages messages, TransactionalOperator tx,
      Clock clock) {
    this.workflow = workflow;
    this.jobs = jobs;
    this.messages = messages;
    this.tx = tx;
    this.clock = clock;
  }

  public Mono<Void> accept(Envelope<JobRouted> envelope) {
    return tx.transactional(Mono.defer(() -> {
          JobChange change = workflow.accept(envelope.payload(), clock.instant());
          return jobs.insertIfAbsent(change.job(), clock.instant())
              .flatMap(inserted -> {
                if (!inserted) {
                  log.info("job {} is known already; job.routed {} ignored", change.job().id(), envelope.messageId());
                  return Mono.empty();
                }
                return messages.publish(change);
              });
        }))
        .then();
  }
}
