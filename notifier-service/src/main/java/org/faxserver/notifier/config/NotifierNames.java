package org.faxserver.notifier.config;

import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.support.Topology;

/** notifier-service's queue names, {@code <service>.<routing key>} (decision 0004). */
public record NotifierNames(String service) {

  public NotifierNames {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("faxserver.messaging.service is required");
    }
  }

  public String deliverWebhook() {
    return Topology.queueName(service, RoutingKeys.DELIVER_WEBHOOK);
  }

  public String deliverEmail() {
    return Topology.queueName(service, RoutingKeys.DELIVER_EMAIL);
  }

  public String redeliver() {
    return Topology.queueName(service, DeliveryRedeliver.TYPE);
  }

  public String jobRouted() {
    return Topology.queueName(service, RoutingKeys.JOB_ROUTED);
  }

  public String jobCompleted() {
    return Topology.queueName(service, RoutingKeys.JOB_COMPLETED);
  }

  public String inboundReceived() {
    return Topology.queueName(service, RoutingKeys.INBOUND_RECEIVED);
  }

  /** Every durable queue, for clean-up in tests. */
  public java.util.List<String> all() {
    return java.util.List.of(deliverWebhook(), deliverEmail(), redeliver(), jobRouted(), jobCompleted(),
        inboundReceived());
  }
}
