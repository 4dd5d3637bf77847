package org.faxserver.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code faxserver.messaging.*}: queue topology and poison-message handling.
 *
 * @param service         the service name, the prefix of its queue names ("fax-queue")
 * @param quorumQueues    declare durable queues as quorum queues; RabbitMQ only (the embedded Qpid
 *                        broker rejects {@code x-queue-type}), hence off by default
 * @param maxDeliveries   attempts at one message before it goes to {@code <queue>.parking}
 * @param retryInterval   first pause between those attempts (doubles, at most 10x)
 * @param processedTable  schema.table of the consumer-idempotency table, e.g.
 *                        "queue.processed_message"; null if the service does not use one
 * @param processedRetention how long a processed message id is remembered (at least as long as the outbox keeps
 *                        sent rows, which a relay may publish again)
 */
@ConfigurationProperties("faxserver.messaging")
public record MessagingProperties(
    String service,
    @DefaultValue("false") boolean quorumQueues,
    @DefaultValue("5") int maxDeliveries,
    @DefaultValue("200ms") Duration retryInterval,
    String processedTable,
    @DefaultValue("7d") Duration processedRetention) {

  public MessagingProperties {
    if (maxDeliveries < 1) {
      throw new IllegalArgumentException("faxserver.messaging.max-deliveries must be >= 1");
    }
    if (processedRetention.compareTo(Duration.ofHours(1)) < 0) {
      // Shorter would forget ids while their messages can still be redelivered: consumers would act twice.
      throw new IllegalArgumentException("faxserver.messaging.processed-retention must be at least 1h");
    }
  }
}
