package org.faxserver.queue.attempt.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.faxserver.model.PhoneNumber;
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
   * many reports share a transaction and its statements (one each to end the attempts, lock their jobs, update them
   * and read the attempts of those that ended) instead of a set each.
   *
   * @return whether a report made its job due now (its next endpoint at once), so the scheduler should run
   */
  public Mono<Boolean> callsFinished(List<Envelope<AttemptFinished>> oldestFirst) {
    Instant now = clock.instant();
    return inTransaction(finishing(oldestFirst.stream()
        .map(envelope -> new AttemptStore.Ending(envelope.payload().attemptId(),
            new AttemptReport(AttemptOutcome.of(envelope.payload()), envelope.payload().result(), now)))
        .toList()));
  }

  /** @return whether the report made the job due now, like {@link #callsFinished} */
  public Mono<Boolean> deliveryFinished(Envelope<DeliveryFinished> envelope) {
    DeliveryFinished finished = envelope.payload();
    return inTransaction(finishing(List.of(new AttemptStore.Ending(finished.attemptId(),
        new AttemptReport(AttemptOutcome.of(finished), null, clock.instant())))));
  }

  /** Ends a live attempt with {@code report} and applies it to its job; must run inside a transaction. */
  public Mono<Void> finish(AttemptRecord attempt, AttemptReport report) {
    return finishing(List.of(new AttemptStore.Ending(attempt.attemptId(), report))).then();
  }

  /**
   * {@link #finish} for several reports, in their order; true when a job is due now. Ending the attempts is the
   * statement that finds and locks them, so the attempts' own state (ended or not) makes reports idempotent: a
   * report for an attempt that ended already, or a second report in the same list, changes nothing.
   */
  private Mono<Boolean> finishing(List<AttemptStore.Ending> reports) {
    Map<UUID, AttemptStore.Ending> first = new LinkedHashMap<>();
    for (AttemptStore.Ending ending : reports) {
      if (first.putIfAbsent(ending.attemptId(), ending) != null) {
        log.info("attempt {} was reported twice in one batch; the first report applies", ending.attemptId());
      }
    }
    return attempts.finishAllIfLive(List.copyOf(first.values()))
        .collectMap(AttemptRecord::attemptId)
        .flatMap(ended -> applyInOrder(first.values(), ended));
  }

  /** The reports of the attempts this transaction {@code ended}, in the reports' order, applied to their jobs. */
  private Mono<Boolean> applyInOrder(Collection<AttemptStore.Ending> reports, Map<UUID, AttemptRecord> ended) {
    List<Ended> inOrder = new ArrayList<>();
    for (AttemptStore.Ending report : reports) {
      AttemptRecord attempt = ended.get(report.attemptId());
      if (attempt == null) {
        log.info("attempt {} is unknown or already ended; report ignored", report.attemptId());
      } else {
        inOrder.add(new Ended(attempt, report.report().outcome()));
      }
    }
    if (inOrder.isEmpty()) {
      return Mono.just(false);
    }
    return jobs.lockAll(inOrder.stream().map(e -> e.attempt().jobId()).toList())
        .collectMap(Job::id)
        .flatMap(locked -> apply(inOrder, locked));
  }

  /** An attempt this transaction ended, and how. */
  private record Ended(AttemptRecord attempt, AttemptOutcome outcome) {}

  private Mono<Boolean> apply(List<Ended> endedInOrder, Map<UUID, Job> jobsById) {
    Instant now = clock.instant();
    List<Applied> applied = new ArrayList<>();
    List<PhoneNumber> learn = new ArrayList<>();
    for (Ended ended : endedInOrder) {
      AttemptRecord attempt = ended.attempt();
      if (attempt.isGatewayCall()) {
        gate.record(attempt.endpoint().target(), ended.outcome());
      }
      Job job = jobsById.get(attempt.jobId());
      if (job == null) { // cannot happen while attempt rows reference their jobs
        continue;
      }
      JobWorkflow.Finished finished = workflow.finish(job, attempt.attemptId(), ended.outcome(),
          attempt.isGatewayCall(), now);
      if (finished.learnFallback()) {
        learn.add(job.to());
      }
      if (finished.change().isIgnored()) {
        log.info("{}", finished.change().ignoredBecause());
        continue;
      }
      applied.add(new Applied(finished.change(), ended.outcome()));
    }
    List<JobChange> changes = applied.stream().map(Applied::change).toList();
    return jobs.updateAll(changes.stream().map(JobChange::job).toList(), now)
        .then(messages.publishAll(changes))
        .then(Flux.fromIterable(learn).concatMap(fallbacks::learn).then())
        .then(Mono.fromRunnable(() -> applied.forEach(a -> countRetry(a.change(), a.outcome()))))
        .thenReturn(changes.stream().anyMatch(change -> change.job().isDue(now)));
  }

  /** A change the workflow made of an ended attempt. */
  private record Applied(JobChange change, AttemptOutcome outcome) {}

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
