package org.faxserver.router.routing.adapter.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageJsonException;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.router.routing.application.RoutingSubmittedJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Consumes {@code job.submitted}, publishes {@code job.routed} with a confirm, then acks: at-least-once.
 * A redelivery publishes the same {@code job.routed} message id again (derived from the input's), and
 * fax-queue dedupes on the job id anyway.
 *
 * <ul>
 *   <li>unreadable JSON, another message type or an incompatible version: parked at once, never
 *       requeued (it would fail the same way forever);
 *   <li>a broken directory or broker: requeued after a pause, parked after {@code maxDeliveries}
 *       failures.
 * </ul>
 */
public final class JobSubmittedListener implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(JobSubmittedListener.class);

  private final RoutingSubmittedJobs routing;
  private final ConfirmedPublisher publisher;
  private final ParkingLot parking;
  private final Settings settings;
  private final Clock clock;
  private final DeliveryCounter failures = new DeliveryCounter();

  /**
   * @param routingTimeout longest wait for the directory and the plan
   * @param retryPause     pause before a failed message is requeued, so an outage is not a busy loop
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

  public JobSubmittedListener(RoutingSubmittedJobs routing, ConfirmedPublisher publisher,
      ParkingLot parking, Settings settings, Clock clock) {
    this.routing = Objects.requireNonNull(routing, "routing");
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
      // Parking itself failed (broker trouble): keep the message; in MANUAL mode an exception
      // thrown to the container would leave it unacked until the channel closes.
      log.warn("Could not process or park message {}, requeueing: {}",
          message.getMessageProperties().getMessageId(), e.toString());
      pause();
      channel.basicNack(tag, false, true);
    }
  }

  private void handle(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    Envelope<JobSubmitted> submitted;
    try {
      submitted = read(message.getBody());
    } catch (MessageJsonException | IllegalArgumentException e) {
      parking.park(message, "unreadable job.submitted: " + e.getMessage());
      channel.basicAck(tag, false);
      return;
    }
    String id = submitted.messageId().toString();
    try {
      JobRouted routed = routing.route(submitted.payload()).block(settings.routingTimeout());
      publisher.publish(Exchanges.FAX_EVENTS, RoutingKeys.JOB_ROUTED, toMessage(submitted, routed));
      failures.forget(id);
      channel.basicAck(tag, false);
    } catch (RuntimeException e) {
      retryOrPark(message, channel, id, submitted.payload().jobId(), e);
    }
  }

  private void retryOrPark(Message message, Channel channel, String id, UUID jobId,
      RuntimeException error) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    int failed = failures.failed(id, message);
    if (failed >= settings.maxDeliveries()) {
      parking.park(message, "routing failed " + failed + " times, last: " + error);
      failures.forget(id);
      channel.basicAck(tag, false);
      return;
    }
    log.warn("Routing job {} failed (try {} of {}), requeueing: {}", jobId, failed,
        settings.maxDeliveries(), error.toString());
    pause();
    channel.basicNack(tag, false, true);
  }

  private static Envelope<JobSubmitted> read(byte[] body) {
    String type = MessageJson.typeOf(body);
    if (!JobSubmitted.TYPE.equals(type)) {
      throw new IllegalArgumentException("type is '" + type + "', expected " + JobSubmitted.TYPE);
    }
    Envelope<JobSubmitted> envelope = MessageJson.read(body, JobSubmitted.class);
    if (envelope.version() != JobSubmitted.VERSION) {
      throw new IllegalArgumentException("version " + envelope.version() + " is not supported");
    }
    return envelope;
  }

  private Message toMessage(Envelope<JobSubmitted> input, JobRouted routed) {
    // Derived from the input's id: a redelivered job.submitted yields the very same job.routed id.
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
