package org.faxserver.router.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code faxserver.messaging.*} (decision 0004).
 *
 * @param quorumQueues   declare the durable queues as quorum queues (RabbitMQ only; the embedded
 *                       broker rejects the argument); default false
 * @param maxDeliveries  failures after which a message is parked instead of requeued; default 5
 * @param publishTimeout longest wait for a publisher confirm; default 10s
 * @param retryPause     pause before a failed message is requeued; default 1s
 * @param consumers      concurrent consumers of {@code fax-router.job.submitted}; default 1
 * @param prefetch       unacked messages per consumer; default 10
 */
@ConfigurationProperties("faxserver.messaging")
public record MessagingProperties(
    boolean quorumQueues,
    Integer maxDeliveries,
    Duration publishTimeout,
    Duration retryPause,
    Integer consumers,
    Integer prefetch) {

  public MessagingProperties {
    maxDeliveries = maxDeliveries == null ? 5 : maxDeliveries;
    publishTimeout = publishTimeout == null ? Duration.ofSeconds(10) : publishTimeout;
    retryPause = retryPause == null ? Duration.ofSeconds(1) : retryPause;
    consumers = consumers == null ? 1 : consumers;
    prefetch = prefetch == null ? 10 : prefetch;
    if (maxDeliveries < 1 || consumers < 1 || prefetch < 1) {
      throw new IllegalArgumentException(
          "faxserver.messaging: max-deliveries, consumers and prefetch must be at least 1");
    }
  }
}
