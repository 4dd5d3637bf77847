package org.faxserver.queue.job.application;

import java.time.Clock;
import java.time.Instant;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.job.model.Job;
import org.faxserver.queue.job.model.JobChange;
import org.faxserver.queue.job.model.JobWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code job.routed}: stores the job with its plan and makes attempt 1 due now, or fails it at once when the plan is
 * empty. A job that is first in line (no other job waiting) is started in the same transaction ({@link FirstStart}),
 * one hop and one transaction sooner than through the scheduler; otherwise the scheduler starts it in turn.
 * Idempotent on the job id (a redelivered or repeated {@code job.routed} finds the job stored and changes nothing),
 * so no processed-message bookkeeping.
 */
public final class AcceptingJobs {

  private static final Logger log = LoggerFactory.getLogger(AcceptingJobs.class);

  /** Starts a due job that is first in line within the transaction that stored it; joins that transaction. */
  @FunctionalInterface
  public interface FirstStart {
    /** Leaves every job to the scheduler. */
    FirstStart NONE = job -> Mono.just(false);

    /** True when the job was started (or postponed) here; false leaves it to the scheduler. */
    Mono<Boolean> start(Job job);
  }

  private final JobWorkflow workflow;
  private final JobStore jobs;
  private final JobMessages messages;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final FirstStart firstStart;

  public AcceptingJobs(JobWorkflow workflow, JobStore jobs, JobMessages messages, TransactionalOperator tx,
      Clock clock, FirstStart firstStart) {
    this.workflow = workflow;
    this.jobs = jobs;
    this.messages = messages;
    this.tx = tx;
    this.clock = clock;
    this.firstStart = firstStart;
  }

  /**
   * @return whether the job is due now and left to the scheduler (which should then run). If starting it here
   *     fails, the job is stored without it, in a transaction of its own, so a start problem never costs the job.
   */
  public Mono<Boolean> accept(Envelope<JobRouted> envelope) {
    return tx.transactional(store(envelope, firstStart))
        .onErrorResume(error -> {
          if (firstStart == FirstStart.NONE) {
            return Mono.error(error);
          }
          log.warn("starting job {} as it was accepted failed; leaving it to the scheduler: {}",
              envelope.payload().jobId(), error.toString());
          return tx.transactional(store(envelope, FirstStart.NONE));
        })
        .defaultIfEmpty(false);
  }

  private Mono<Boolean> store(Envelope<JobRouted> envelope, FirstStart start) {
    return Mono.defer(() -> {
      Instant now = clock.instant();
      JobChange change = workflow.accept(envelope.payload(), now);
      return jobs.insertIfAbsent(change.job(), now)
          .flatMap(stored -> {
            if (!stored.inserted()) {
              log.info("job {} is known already; job.routed {} ignored", change.job().id(), envelope.messageId());
              return Mono.just(false);
            }
            // Jobs that were due already go first, through the scheduler.
            Mono<Boolean> leftToScheduler = !change.job().isDue(now) ? Mono.just(false)
                : stored.othersDue() ? Mono.just(true)
                : start.start(change.job()).map(started -> !started);
            return messages.publish(change).then(leftToScheduler);
          });
    });
  }
}
