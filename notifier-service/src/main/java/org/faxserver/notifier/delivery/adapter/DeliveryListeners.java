package org.faxserver.notifier.delivery.adapter;

import java.time.Duration;
import org.faxserver.model.delivery.DeliverEmail;
import org.faxserver.model.delivery.DeliverWebhook;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.notifier.delivery.application.AcceptingDeliveries;
import org.faxserver.notifier.delivery.application.PlanningReceipts;
import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.notifier.delivery.application.Redelivering;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * AMQP entry. Each method waits for its transaction, so a message is acked after commit; a failure is
 * retried and finally parked by service-support's container factory.
 */
public final class DeliveryListeners {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final AcceptingDeliveries accepting;
  private final PlanningReceipts receipts;
  private final Redelivering redelivering;

  public DeliveryListeners(AcceptingDeliveries accepting, PlanningReceipts receipts, Redelivering redelivering) {
    this.accepting = accepting;
    this.receipts = receipts;
    this.redelivering = redelivering;
  }

  @RabbitListener(queues = "#{@notifierNames.deliverWebhook()}")
  public void onDeliverWebhook(Envelope<DeliverWebhook> envelope) {
    accepting.webhook(envelope).block(TIMEOUT);
  }

  @RabbitListener(queues = "#{@notifierNames.deliverEmail()}")
  public void onDeliverEmail(Envelope<DeliverEmail> envelope) {
    accepting.email(envelope).block(TIMEOUT);
  }

  @RabbitListener(queues = "#{@notifierNames.jobRouted()}")
  public void onJobRouted(Envelope<JobRouted> envelope) {
    receipts.jobRouted(envelope).block(TIMEOUT);
  }

  @RabbitListener(queues = "#{@notifierNames.jobCompleted()}")
  public void onJobCompleted(Envelope<JobCompleted> envelope) {
    receipts.jobCompleted(envelope).block(TIMEOUT);
  }

  @RabbitListener(queues = "#{@notifierNames.inboundReceived()}")
  public void onInboundReceived(Envelope<InboundReceived> envelope) {
    receipts.inboundReceived(envelope).block(TIMEOUT);
  }

  @RabbitListener(queues = "#{@notifierNames.redeliver()}")
  public void onRedeliver(Envelope<DeliveryRedeliver> envelope) {
    redelivering.redeliver(envelope).block(TIMEOUT);
  }
}
