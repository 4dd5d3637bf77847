package org.faxserver.queue.attempt.application;

import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.job.application.JobStore;
import reactor.core.publisher.Mono;

/**
 * {@code attempt.progress}: keeps the live attempt's negotiation and page count current for the views.
 * Informational and naturally idempotent (it overwrites with the reported state), so no
 * processed-message bookkeeping.
 */
public final class RecordingProgress {

  private final AttemptStore attempts;
  private final JobStore jobs;

  public RecordingProgress(AttemptStore attempts, JobStore jobs) {
    this.attempts = attempts;
    this.jobs = jobs;
  }

  public Mono<Void> record(Envelope<AttemptProgress> envelope) {
    AttemptProgress progress = envelope.payload();
    // Two single-row updates without a transaction: either may land alone (a crash in between), and the next
    // report or the attempt's end overwrites both; BEGIN and COMMIT would double the round trips of the
    // pipeline's most frequent message.
    return attempts.progress(progress)
        .then(jobs.recordPagesSent(progress.jobId(), progress.attemptId(), progress.pagesTransferred()));
  }
}
