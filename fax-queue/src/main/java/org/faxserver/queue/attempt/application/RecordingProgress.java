package org.faxserver.queue.attempt.application;

import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.job.application.JobStore;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code attempt.progress}: keeps the live attempt's negotiation and page count current for the views.
 * Informational and naturally idempotent (it overwrites with the reported state), so no
 * processed-message bookkeeping.
 */
public final class RecordingProgress {

  private final AttemptStore attempts;
  private final JobStore jobs;
  private final TransactionalOperator tx;

  public RecordingProgress(AttemptStore attempts, JobStore jobs, TransactionalOperator tx) {
    this.attempts = attempts;
    this.jobs = jobs;
    this.tx = tx;
  }

  public Mono<Void> record(Envelope<AttemptProgress> envelope) {
    AttemptProgress progress = envelope.payload();
    return tx.transactional(attempts.progress(progress)
        .then(jobs.recordPagesSent(progress.jobId(), progress.attemptId(), progress.pagesTransferred())));
  }
}
