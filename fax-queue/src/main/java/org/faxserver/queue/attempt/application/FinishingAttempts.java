package org.faxserver.queue.attempt.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.job.JobStatus;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.attempt.model.AttemptOutcome;
import org.faxserver.queue.fallback.application.ManagingFallbacks;
import org.faxserver.queue.gateway.application.GatewayGate;
import org.faxserver.queue.job.application.JobMessages;
import org.faxserver.queue.job.application.JobStore;
import org.faxserver.queue.job.model.Job;
import org.faxserver.queue.job.model.JobChange;
import org.faxserver.queue.job.model.JobEvent;
import org.faxserver.queue.job.model.JobWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An attempt ended ({@code attempt.finished}, {@code delivery.finished}, or a stuck call presumed
 * gone): stores its result, lets the workflow decide what follows, learns the softmodem fallback and
 * feeds the gateway's circuit breaker, all in one transaction with the resulting messages.
 *
 * <p>A report for an unknown attempt (another installation's or test's job) or for an attempt that
 * already ended (duplicate, late after reconciliation) changes nothing: the attempt's own state makes
 * the reports idempotent, so no processed-message bookkeeping.
 */
public final class FinishingAttempts {

  private static final Logger log = LoggerFactory.getLogger(FinishingAttempts.class);

  private final JobWorkflow workflow;
  private final JobStore jobs;
  private final AttemptStore attempts;
  private final GatewayGate gate;
  private final ManagingFallbacks fallbacks;
  private final JobMessages messages;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final RetryCounter retries;

  public FinishingAttempts(JobWorkflow workflow, JobStore jobs, AttemptStore attempts, GatewayGate gate,
      ManagingFallbacks fallbacks, JobMessages messages, TransactionalOperator tx,
      Clock clock) {
    this(workflow, jobs, attempts, gate, fallbacks, messages, tx, clock, RetryCounter.NONE);
  }

  public FinishingAttempts(JobWorkflow workflow, JobStore jobs, AttemptStore attempts, GatewayGate gate,
      ManagingFallbacks fallbacks, JobMessages messages, TransactionalOperator tx,
      Clock clock, RetryCounter retries) {
    this.retries = retries;
    this.workflow = workflow;
    this.jobs = jobs;
    this.attempts = attempts;
    this.gate = gate;
    this.fallbacks = fallbacks;
    this.messages = messages;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * The calls' reports, in their order, in one transaction: what the listener found waiting, so that under load
   * many reports share a transaction and an outbox insert instead of one each.
   *
   * @return whether a report made its job due now (its next endpoint at once), so the scheduler should run
   */
  public Mono<Boolean> callsFinished(List<Envelope<AttemptFinished>> oldestFirst) {
    return inTransaction(Flux.fromIterable(oldestFirst)
        .concatMap(envelope -> {
          AttemptFinished finished = envelope.payload();
          return finishing(finished.attemptId(),
              new AttemptReport(AttemptOutcome.of(finished), finished.result(), clock.instant()));
        })
        .reduce(false, Boolean::logicalOr));
  }

  /** @return whether the report made the job due now, like {@link #callsFinished} */
  public Mono<Boolean> deliveryFinished(Envelope<DeliveryFinished> envelope) {
    DeliveryFinished finished = envelope.payload();
    return inTransaction(finishing(finished.attemptId(),
        new AttemptReport(AttemptOutcome.of(finished), null, clock.instant())));
  }

  /** Ends a live attempt with {@code report} and applies it to its job; must run inside a transaction. */
  public Mono<Void> finish(AttemptRecord attempt, AttemptReport report) {
    return finishing(attempt.attemptId(), report).then();
  }

  /**
   * {@link #finish}; true when the job is due now, empty when the report changed nothing. Ending the attempt is the
   * statement that finds and locks it, so the attempt's own state (ended or not) makes reports idempotent.
   */
  private Mono<Boolean> finishing(UUID attemptId, AttemptReport report) {
    Instant now = clock.instant();
    AttemptOutcome outcome = report.outcome();
    return attempts.finishIfLive(attemptId, report)
        .doOnSuccess(attempt -> {
          if (attempt == null) {
            log.info("attempt {} is unknown or already ended; report ignored", attemptId);
          }
        })
        .flatMap(attempt -> {
          if (attempt.isGatewayCall()) {
            gate.record(attempt.endpoint().target(), outcome);
          }
          return jobs.lock(attempt.jobId()).flatMap(job -> apply(job, attempt, outcome, now));
        });
  }

  private Mono<Boolean> apply(Job job, AttemptRecord attempt, AttemptOutcome outcome, Instant now) {
    JobWorkflow.Finished finished = workflow.finish(job, attempt.attemptId(), outcome, attempt.isGatewayCall(), now);
    Mono<Void> learn = finished.learnFallback() ? fallbacks.learn(job.to()) : Mono.empty();
    if (finished.change().isIgnored()) {
      log.info("{}", finished.change().ignoredBecause());
      return learn.thenReturn(false);
    }
    Job next = finished.change().job();
    return jobs.update(next, now)
        .then(messages.publish(finished.change()))
        .then(learn)
        .then(Mono.fromRunnable(() -> countRetry(finished.change(), outcome)))
        .thenReturn(next.isDue(now));
  }

  private void countRetry(JobChange change, AttemptOutcome outcome) {
    boolean retry = change.events().stream().anyMatch(e -> e instanceof JobEvent.StatusChanged s
        && s.status() == JobStatus.WAITING_RETRY);
    if (retry) {
      retries.retryScheduled(outcome.hangupCause() != null && outcome.hangupCause() != HangupCause.UNKNOWN
          ? outcome.hangupCause().name() : String.valueOf(outcome.end()));
    }
  }

  private Mono<Boolean> inTransaction(Mono<Boolean> work) {
    return tx.transactional(work).defaultIfEmpty(false);
  }
}
