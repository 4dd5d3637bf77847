package org.faxserver.gateway.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.faxserver.gateway.send.application.AttemptEvents;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.observability.FaxMetrics;

/** Counts every finished sending attempt (esl-gateway sees every call), then passes the facts on. */
public final class MeteredAttemptEvents implements AttemptEvents {
  private final AttemptEvents delegate;
  private final FaxMetrics metrics;
  private final Clock clock;

  public MeteredAttemptEvents(AttemptEvents delegate, FaxMetrics metrics, Clock clock) {
    this.delegate = delegate;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void progress(AttemptProgress progress) {
    delegate.progress(progress);
  }

  @Override
  public void finished(AttemptFinished finished, String learnedFallback) {
    Instant from = finished.answeredAt() != null ? finished.answeredAt() : finished.startedAt();
    Duration call = from == null ? null : Duration.between(from, clock.instant());
    metrics.faxFinished(FaxMetrics.Direction.SENT, finished.gateway(), finished.result(), call);
    delegate.finished(finished, learnedFallback);
  }
}
