package org.faxserver.router.inbound.adapter.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageJsonException;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.inbound.application.RelayingReceivedFaxes;
import org.faxserver.router.routing.adapter.amqp.ConfirmedPublisher;
import org.faxserver.router.routing.adapter.amqp.DeliveryCounter;
import org.faxserver.router.routing.adapter.amqp.ParkingLot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Consumes {@code inbound.received}; for a received fax publishes the delivery job as
 * {@code job.routed} (origin INBOUND) with a confirm, then acks: at-least-once. The job id and the
 * message id are derived from the call id and the input's message id, so a redelivery repeats both.
 *
 * <ul>
 *   <li>unreadable JSON, another type or version: parked at once (the fax's document stays in the
 *       store; an operator can replay the parked message);
 *   <li>a broken directory or broker: requeued after a pause, parked after {@code maxDeliveries}.
 * </ul>
 */
public final class InboundReceivedListener implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(InboundReceivedListener.class);

  private final RelayingReceivedFaxes relaying;
  private final ConfirmedPublisher publisher;
  private final ParkingLot parking;
  private final Settings settings;
  private final Clock clock;
  private final DeliveryCounter failures = new DeliveryCounter();

  /**
   * @param routingTimeout longest wait for the directory and the plan
   * @param retryPause     pause before a failed message is requeued
   * @param maxDeliveries  failures after which a message is parked
   */
  public record Settings(Duration routingTimeout, Duration retryPause, int maxDeliveries) {
    public Settings {
      Objects.requireNonNull(routingTimeout, "routingTimeout");
      Objects.requireNonNull(retryPause, "retryPause");
      if (maxDeliveries < 1) {
        throw new IllegalArgumentException("maxDeliveries must be at least 1, was " + maxDeliveries);
      }
    }
  }

  public InboundReceivedListener(RelayingReceivedFaxes relaying, ConfirmedPublisher publisher,
      ParkingLot parking, Settings settings, Clock clock) {
    this.relaying = Objects.requireNonNull(relaying, "relaying");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.parking = Objects.requireNonNull(parking, "parking");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    try {
      handle(message, channel);
    } catch (RuntimeException e) {
      log.warn("Could not process or park message {}, requeueing: {}",
          message.getMessageProperties().getMessageId(), e.toString());
      pause();
      channel.basicNack(tag, false, true);
    }
  }

  private void handle(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    Envelope<InboundReceived> received;
    try {
      received = read(message.getBody());
    } catch (MessageJsonException | IllegalArgumentException e) {
      parking.park(message, "unreadable inbound.received: " + e.getMessage());
      channel.basicAck(tag, false);
      return;
    }
    String id = received.messageId().toString();
    try {
      Optional<JobRouted> job = relaying.relay(received.payload()).block(settings.routingTimeout());
      if (job != null && job.isPresent()) {
        publisher.publish(Exchanges.FAX_EVENTS, RoutingKeys.JOB_ROUTED, toMessage(received, job.get()));
      }
      failures.forget(id);
      channel.basicAck(tag, false);
    } catch (RuntimeException e) {
      int failed = failures.failed(id, message);
      if (failed >= settings.maxDeliveries()) {
        parking.park(message, "relaying failed " + failed + " times, last: " + e);
        failures.forget(id);
        channel.basicAck(tag, false);
        return;
      }
      log.warn("Relaying received fax {} failed (try {} of {}), requeueing: {}", received.payload().callId(),
          failed, settings.maxDeliveries(), e.toString());
      pause();
      channel.basicNack(tag, false, true);
    }
  }

  private static Envelope<InboundReceived> read(byte[] body) {
    String type = MessageJson.typeOf(body);
    if (!InboundReceived.TYPE.equals(type)) {
      throw new IllegalArgumentException("type is '" + type + "', expected " + InboundReceived.TYPE);
    }
    Envelope<InboundReceived> envelope = MessageJson.read(body, InboundReceived.class);
    if (envelope.version() != InboundReceived.VERSION) {
      throw new IllegalArgumentException("version " + envelope.version() + " is not supported");
    }
    return envelope;
  }

  private Message toMessage(Envelope<InboundReceived> input, JobRouted routed) {
    UUID messageId = UUID.nameUUIDFromBytes(
        (JobRouted.TYPE + ":" + input.messageId()).getBytes(StandardCharsets.UTF_8));
    Envelope<JobRouted> envelope = new Envelope<>(messageId, JobRouted.TYPE, JobRouted.VERSION,
        clock.instant(), routed.jobId().toString(), routed);
    MessageProperties properties = new MessageProperties();
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setContentEncoding(StandardCharsets.UTF_8.name());
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setMessageId(messageId.toString());
    properties.setCorrelationId(routed.jobId().toString());
    properties.setType(JobRouted.TYPE);
    return new Message(MessageJson.write(envelope), properties);
  }

  private void pause() {
    try {
      Thread.sleep(settings.retryPause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
