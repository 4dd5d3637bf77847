package org.faxserver.queue.attempt.application;

import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.messaging.Envelope;
import reactor.core.publisher.Mono;

/**
 * {@code attempt.progress}: keeps the live attempt's negotiation and page count (and its job's pages sent) current
 * for the views. Informational and naturally idempotent (it overwrites with the reported state), so no
 * processed-message bookkeeping.
 */
public final class RecordingProgress {

  private final AttemptStore attempts;

  public RecordingProgress(AttemptStore attempts) {
    this.attempts = attempts;
  }

  public Mono<Void> record(Envelope<AttemptProgress> envelope) {
    return attempts.progress(envelope.payload());
  }
}
