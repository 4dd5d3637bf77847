package org.faxserver.gateway.metrics;

import java.time.Clock;
import java.time.Duration;

import org.faxserver.gateway.receive.application.InboundFacts;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.observability.FaxMetrics;

/** Counts every finished reception, then passes the facts on. */
public final class MeteredInboundFacts implements InboundFacts {
  private final InboundFacts delegate;
  private final FaxMetrics metrics;
  private final Clock clock;

  public MeteredInboundFacts(InboundFacts delegate, FaxMetrics metrics, Clock clock) {
    this.delegate = delegate;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void received(InboundReceived received) {
    Duration call = received.startedAt() == null ? null : Duration.between(received.startedAt(), clock.instant());
    metrics.faxFinished(FaxMetrics.Direction.RECEIVED, received.sourceGateway(), received.result(), call);
    delegate.received(received);
  }

  @Override
  public void fallbackLearned(PhoneNumber number, long unixTime) {
    delegate.fallbackLearned(number, unixTime);
  }
}
