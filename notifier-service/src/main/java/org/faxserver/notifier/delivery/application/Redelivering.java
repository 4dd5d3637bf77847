package org.faxserver.notifier.delivery.application;

import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.notifier.delivery.adapter.DeliveryRepository;
import org.faxserver.support.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code delivery.redeliver}: a dead-lettered delivery gets a fresh schedule, due now. Anything else
 * (unknown id, pending, delivered) is left alone and logged. A redelivered document delivery is not
 * reported to fax-queue again: that attempt is over for fax-queue.
 */
public final class Redelivering {

  private static final Logger log = LoggerFactory.getLogger(Redelivering.class);

  private final DeliveryRepository deliveries;
  private final ProcessedMessages processed;
  private final TransactionalOperator tx;

  public Redelivering(DeliveryRepository deliveries, ProcessedMessages processed, TransactionalOperator tx) {
    this.deliveries = deliveries;
    this.processed = processed;
    this.tx = tx;
  }

  public Mono<Void> redeliver(Envelope<DeliveryRedeliver> envelope) {
    DeliveryRedeliver command = envelope.payload();
    return tx.transactional(processed.firstTime(envelope.messageId())
        .filter(Boolean::booleanValue)
        .flatMap(first -> deliveries.redeliver(command.deliveryId()))
        .doOnNext(done -> {
          if (done) {
            log.info("delivery {} redelivered (asked by {})", command.deliveryId(), command.requestedBy());
          } else {
            log.warn("delivery {} is not dead-lettered; redeliver ignored", command.deliveryId());
          }
        }))
        .then();
  }
}
