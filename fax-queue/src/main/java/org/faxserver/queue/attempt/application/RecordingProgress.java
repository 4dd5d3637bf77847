package org.faxserver.queue.attempt.application;

import java.util.List;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.attempt.model.LatestProgress;
import reactor.core.publisher.Mono;

/**
 * {@code attempt.progress}: keeps the live attempts' negotiation and page counts (and their jobs' pages sent) current
 * for the views. Reports arrive in batches (oldest first) and are written with one statement per batch, folded to
 * the latest per attempt: progress is the pipeline's most frequent message. Informational and naturally idempotent
 * (it overwrites with the reported state), so no processed-message bookkeeping.
 */
public final class RecordingProgress {

  private final AttemptStore attempts;

  public RecordingProgress(AttemptStore attempts) {
    this.attempts = attempts;
  }

  public Mono<Void> record(List<Envelope<AttemptProgress>> oldestFirst) {
    return Mono.defer(() -> attempts.progress(
        LatestProgress.perAttempt(oldestFirst.stream().map(Envelope::payload).toList())));
  }
}
