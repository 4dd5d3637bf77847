package org.faxserver.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.messaging.*} (decision 0004), the keys every service shares.
 *
 * @param quorumQueues  declare the durable queues as quorum queues; RabbitMQ only (the embedded broker
 *                      rejects {@code x-queue-type}), hence off by default
 * @param maxDeliveries failed attempts at one originate command before it goes to
 *                      {@code <queue>.parking}
 */
@ConfigurationProperties("faxserver.messaging")
public record MessagingProperties(
    @DefaultValue("false") boolean quorumQueues,
    @DefaultValue("5") int maxDeliveries) {

  public MessagingProperties {
    if (maxDeliveries < 1) {
      throw new IllegalArgumentException("faxserver.messaging.max-deliveries must be at least 1");
    }
  }
}
