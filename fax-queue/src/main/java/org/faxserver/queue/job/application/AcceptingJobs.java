package org.faxserver.queue.job.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.job.model.Job;
import org.faxserver.queue.job.model.JobChange;
import org.faxserver.queue.job.model.JobWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code job.routed}: stores each job with its plan and makes attempt 1 due now, or fails it at once when the plan is
 * empty. The jobs of a batch (what the listener found waiting) are stored by one transaction. A job that is first in
 * line (no other job waiting) is started in the same transaction ({@link FirstStart}), one hop and one transaction
 * sooner than through the scheduler; otherwise the scheduler starts it in turn. Idempotent on the job id (a
 * redelivered or repeated {@code job.routed} finds the job stored and changes nothing), so no processed-message
 * bookkeeping.
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
   * Accepts the jobs in one transaction, in their order. A job routed twice (in this batch, or before) is stored
   * once and changes nothing the second time.
   *
   * @return whether a job is due now and left to the scheduler (which should then run). If starting the first one
   *     here fails, the jobs are stored without it, in a transaction of their own, so a start problem never costs a job.
   */
  public Mono<Boolean> accept(List<Envelope<JobRouted>> oldestFirst) {
    if (oldestFirst.isEmpty()) {
      return Mono.just(false);
    }
    return tx.transactional(store(oldestFirst, firstStart))
        .onErrorResume(error -> {
          if (firstStart == FirstStart.NONE) {
            return Mono.error(error);
          }
          log.warn("starting a job as it was accepted failed; leaving {} job(s) to the scheduler: {}",
              oldestFirst.size(), error.toString());
          return tx.transactional(store(oldestFirst, FirstStart.NONE));
        })
        .defaultIfEmpty(false);
  }

  private Mono<Boolean> store(List<Envelope<JobRouted>> oldestFirst, FirstStart start) {
    return Mono.defer(() -> {
      Instant now = clock.instant();
      Map<UUID, Routed> byJob = new LinkedHashMap<>();
      for (Envelope<JobRouted> envelope : oldestFirst) {
        Routed routed = new Routed(envelope.messageId(), workflow.accept(envelope.payload(), now));
        if (byJob.putIfAbsent(routed.change().job().id(), routed) != null) {
          log.info("job {} is routed twice in one batch; job.routed {} ignored", routed.change().job().id(),
              routed.messageId());
        }
      }
      return jobs.insertAllIfAbsent(byJob.values().stream().map(routed -> routed.change().job()).toList(), now)
          .flatMap(stored -> {
            List<JobChange> fresh = new ArrayList<>();
            byJob.forEach((id, routed) -> {
              if (stored.inserted().contains(id)) {
                fresh.add(routed.change());
              } else {
                log.info("job {} is known already; job.routed {} ignored", id, routed.messageId());
              }
            });
            // Jobs that were due already go first, through the scheduler; of these jobs, only the first due one
            // can be first in line.
            List<Job> due = fresh.stream().map(JobChange::job).filter(job -> job.isDue(now)).toList();
            Mono<Boolean> leftToScheduler = due.isEmpty() ? Mono.just(false)
                : stored.othersDue() ? Mono.just(true)
                : start.start(due.get(0)).map(started -> !started || due.size() > 1);
            return Flux.fromIterable(fresh).concatMap(messages::publish).then(leftToScheduler);
          });
    });
  }

  private record Routed(UUID messageId, JobChange change) {}
}
