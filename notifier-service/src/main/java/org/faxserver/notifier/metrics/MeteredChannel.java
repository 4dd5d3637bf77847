package org.faxserver.notifier.metrics;

import org.faxserver.notifier.channel.DeliveryChannel;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.faxserver.observability.FaxMetrics;
import org.faxserver.notifier.webhook.WebhookChannel;

/** Counts failed webhook tries by outcome class (network, 4xx, 5xx) around any channel. */
public final class MeteredChannel implements DeliveryChannel {
  private final DeliveryChannel delegate;
  private final FaxMetrics metrics;

  public MeteredChannel(DeliveryChannel delegate, FaxMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public TryOutcome deliver(DeliveryTask task) {
    TryOutcome outcome = delegate.deliver(task);
    if (!outcome.success() && WebhookChannel.NAME.equals(delegate.name())) {
      metrics.webhookFailed(outcomeClass(outcome.httpStatus()));
    }
    return outcome;
  }

  static String outcomeClass(Integer status) {
    if (status == null) {
      return "network";
    }
    return status >= 500 ? "5xx" : status >= 400 ? "4xx" : "other";
  }
}
