package org.faxserver.queue.job.application;

import java.time.Clock;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.job.model.JobChange;
import org.faxserver.queue.job.model.JobWorkflow;
import org.faxserver.support.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code job.cancel}: ends a job as CANCELLED and asks for its live call to be killed. Unknown jobs,
 * jobs of another tenant and finished jobs are left alone.
 */
public final class CancellingJobs {

  private static final Logger log = LoggerFactory.getLogger(CancellingJobs.class);

  private final JobWorkflow workflow;
  private final JobStore jobs;
  private final JobMessages messages;
  private final ProcessedMessages processed;
  private final TransactionalOperator tx;
  private final Clock clock;

  public CancellingJobs(JobWorkflow workflow, JobStore jobs, JobMessages messages, ProcessedMessages processed,
      TransactionalOperator tx, Clock clock) {
    this.workflow = workflow;
    this.jobs = jobs;
    this.messages = messages;
    this.processed = processed;
    this.tx = tx;
    this.clock = clock;
  }

  public Mono<Void> cancel(Envelope<JobCancel> envelope) {
    JobCancel cancel = envelope.payload();
    return tx.transactional(processed.firstTime(envelope.messageId())
        .filter(Boolean::booleanValue)
        .flatMap(first -> jobs.lock(cancel.jobId()))
        .flatMap(job -> {
          if (!job.tenantId().equals(cancel.tenantId())) {
            log.warn("job.cancel for job {} from tenant {} refused: the job belongs to another tenant",
                job.id(), cancel.tenantId());
            return Mono.empty();
          }
          JobChange change = workflow.cancel(job, cancel.reason(), clock.instant());
          if (change.isIgnored()) {
            log.info("job.cancel ignored: {}", change.ignoredBecause());
            return Mono.empty();
          }
          return jobs.update(change.job(), clock.instant()).then(messages.publish(change));
        }))
        .then();
  }
}
