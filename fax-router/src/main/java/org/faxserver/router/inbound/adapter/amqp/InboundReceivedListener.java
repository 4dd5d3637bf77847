package org.faxserver.router.inbound.adapter.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.router.inbound.application.RelayingReceivedFaxes;
import org.faxserver.router.routing.adapter.amqp.ConfirmedPublisher;
import org.faxserver.router.routing.adapter.amqp.JobRoutingListener;
import org.faxserver.router.routing.adapter.amqp.ParkingLot;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import reactor.core.publisher.Mono;

/**
 * Consumes {@code inbound.received}; for a received fax publishes the delivery job as
 * {@code job.routed} (origin INBOUND) with a confirm, then acks: at-least-once. The job id and the
 * message id are derived from the call id and the input's message id, so a redelivery repeats both.
 * A failed reception publishes nothing. An unreadable message is parked at once (the fax's document
 * stays in the store; an operator can replay the parked message); for retries see
 * {@link JobRoutingListener}.
 */
public final class InboundReceivedListener implements ChannelAwareMessageListener {

  private static final JobRoutingListener.Input<InboundReceived> INPUT = new JobRoutingListener.Input<>(
      InboundReceived.class, InboundReceived.TYPE, InboundReceived.VERSION, "Relaying",
      fax -> "received fax " + fax.callId());

  private final JobRoutingListener<InboundReceived> listener;

  public InboundReceivedListener(RelayingReceivedFaxes relaying, ConfirmedPublisher publisher,
      ParkingLot parking, JobRoutingListener.Settings settings, Clock clock) {
    Objects.requireNonNull(relaying, "relaying");
    this.listener = new JobRoutingListener<>(INPUT, fax -> relaying.relay(fax).flatMap(Mono::justOrEmpty),
        publisher, parking, settings, clock);
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    listener.onMessage(message, channel);
  }
}
