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
 * @param consumers      concurrent consumers of {@code fax-router.job.submitted} and {@code inbound.received};
 *                       default 1 here, 4 in application.yml
 * @param prefetch       unacked messages per consumer; default 10
 * @param service        prefix of the durable queue names ({@code <service>.<routing key>}); default
 *                       {@code fax-router}
 * @param bindingSuffix  appended to the binding keys of the consumed queues ({@code job.submitted},
 *                       {@code route.inbound}, {@code inbound.received}); empty (the contract) by default.
 *                       Only tests set it, together with {@code service}, so that runs sharing a
 *                       broker neither take nor copy each other's messages
 */
@ConfigurationProperties("faxserver.messaging")
public record MessagingProperties(
    boolean quorumQueues,
    Integer maxDeliveries,
    Duration publishTimeout,
    Duration retryPause,
    Integer consumers,
    Integer prefetch,
    String service,
    String bindingSuffix) {

  public MessagingProperties {
    maxDeliveries = maxDeliveries == null ? 5 : maxDeliveries;
    publishTimeout = publishTimeout == null ? Duration.ofSeconds(10) : publishTimeout;
    retryPause = retryPause == null ? Duration.ofSeconds(1) : retryPause;
    consumers = consumers == null ? 1 : consumers;
    prefetch = prefetch == null ? 10 : prefetch;
    service = service == null || service.isBlank() ? "fax-router" : service;
    bindingSuffix = bindingSuffix == null ? "" : bindingSuffix;
    if (maxDeliveries < 1 || consumers < 1 || prefetch < 1) {
      throw new IllegalArgumentException(
          "faxserver.messaging: max-deliveries, consumers and prefetch must be at least 1");
    }
  }

  /** The durable queue consuming {@code routingKey}. */
  public String queue(String routingKey) {
    return service + "." + routingKey;
  }

  /** The key the queue consuming {@code routingKey} is bound with. */
  public String binding(String routingKey) {
    return routingKey + bindingSuffix;
  }
}
