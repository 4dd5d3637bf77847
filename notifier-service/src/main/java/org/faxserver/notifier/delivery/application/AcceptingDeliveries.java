package org.faxserver.notifier.delivery.application;

import java.util.List;
import java.util.UUID;
import org.faxserver.model.delivery.DeliverEmail;
import org.faxserver.model.delivery.DeliverWebhook;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.notifier.delivery.adapter.DeliveryRepository;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.Notices;
import org.faxserver.notifier.delivery.model.Purpose;
import org.faxserver.notifier.email.EmailChannel;
import org.faxserver.notifier.webhook.WebhookChannel;
import org.faxserver.support.ProcessedMessages;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code deliver.webhook} / {@code deliver.email}: stores the delivery, due now; the delivery loop
 * sends it. The delivery id is fax-queue's attempt id, so a redelivered command changes nothing.
 */
public final class AcceptingDeliveries {

  private final DeliveryRepository deliveries;
  private final ProcessedMessages processed;
  private final TransactionalOperator tx;

  public AcceptingDeliveries(DeliveryRepository deliveries, ProcessedMessages processed, TransactionalOperator tx) {
    this.deliveries = deliveries;
    this.processed = processed;
    this.tx = tx;
  }

  public Mono<Void> webhook(Envelope<DeliverWebhook> envelope) {
    DeliverWebhook d = envelope.payload();
    return accept(envelope.messageId(), new DeliveryTask(d.attemptId(), Purpose.DOCUMENT, WebhookChannel.NAME,
        List.of(d.url()), d.endpointId(), d.attemptId(), null, true, false, false,
        Notices.document(d.jobId(), d.tenantId(), d.from(), d.to(), d.pages(), d.document(), d.labels(),
            envelope.occurredAt())));
  }

  public Mono<Void> email(Envelope<DeliverEmail> envelope) {
    DeliverEmail d = envelope.payload();
    return accept(envelope.messageId(), new DeliveryTask(d.attemptId(), Purpose.DOCUMENT, EmailChannel.NAME,
        d.recipients(), d.endpointId(), d.attemptId(), null, true, false, false,
        Notices.document(d.jobId(), d.tenantId(), d.from(), d.to(), d.pages(), d.document(), d.labels(),
            envelope.occurredAt())));
  }

  private Mono<Void> accept(UUID messageId, DeliveryTask task) {
    return tx.transactional(processed.firstTime(messageId)
        .filter(Boolean::booleanValue)
        .flatMap(first -> deliveries.insert(task)))
        .then();
  }
}
