package org.faxserver.router.routing.adapter.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageJsonException;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.support.DependencyOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import reactor.core.publisher.Mono;

/**
 * Consumes one kind of input message, plans a job from it, publishes the job as {@code job.routed}
 * with a confirm, then acks: at-least-once. The {@code job.routed} message id is derived from the
 * input's, so a redelivery publishes the very same message again.
 *
 * <ul>
 *   <li>unreadable JSON, another message type or an incompatible version: parked at once, never
 *       requeued (it would fail the same way forever);
 *   <li>PostgreSQL or the broker unreachable ({@link DependencyOutage}): requeued after a pause, as often as
 *       it takes — never parked, nothing is wrong with the message;
 *   <li>any other failure: requeued after a pause, parked after {@code maxDeliveries} failures;
 *   <li>parking itself fails (broker trouble): requeued after a pause.
 * </ul>
 *
 * @param <T> the input's payload
 */
public final class JobRoutingListener<T> implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(JobRoutingListener.class);

  private final Input<T> input;
  private final Function<T, Mono<JobRouted>> planning;
  private final ConfirmedPublisher publisher;
  private final ParkingLot parking;
  private final Settings settings;
  private final Clock clock;
  private final DeliveryCounter failures = new DeliveryCounter();

  /**
   * The kind of message consumed.
   *
   * @param payloadType the payload's class
   * @param type        the envelope type accepted, e.g. {@code job.submitted}
   * @param version     the envelope version accepted
   * @param activity    what planning is called in logs, capitalised, e.g. {@code Routing}
   * @param describe    names one payload in logs, e.g. {@code job <id>}
   */
  public record Input<T>(Class<T> payloadType, String type, int version, String activity,
      Function<T, String> describe) {
    public Input {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(activity, "activity");
      Objects.requireNonNull(describe, "describe");
    }
  }

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

  /**
   * @param planning the job to publish for a payload; empty when there is nothing to publish
   */
  public JobRoutingListener(Input<T> input, Function<T, Mono<JobRouted>> planning,
      ConfirmedPublisher publisher, ParkingLot parking, Settings settings, Clock clock) {
    this.input = Objects.requireNonNull(input, "input");
    this.planning = Objects.requireNonNull(planning, "planning");
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
    Envelope<T> received;
    try {
      received = read(message.getBody());
    } catch (MessageJsonException | IllegalArgumentException e) {
      parking.park(message, "unreadable " + input.type() + ": " + e.getMessage());
      channel.basicAck(tag, false);
      return;
    }
    String id = received.messageId().toString();
    try {
      Optional<JobRouted> job = planning.apply(received.payload()).blockOptional(settings.routingTimeout());
      if (job.isPresent()) {
        publisher.publish(Exchanges.FAX_EVENTS, RoutingKeys.JOB_ROUTED, toMessage(received, job.get()));
      }
      failures.forget(id);
      channel.basicAck(tag, false);
    } catch (RuntimeException e) {
      retryOrPark(message, channel, id, received.payload(), e);
    }
  }

  private void retryOrPark(Message message, Channel channel, String id, T payload,
      RuntimeException error) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    String tries;
    if (DependencyOutage.isOutage(error)) {
      tries = "a dependency is unreachable"; // not counted: nothing is wrong with the message
    } else {
      int failed = failures.failed(id, message);
      if (failed >= settings.maxDeliveries()) {
        parking.park(message, input.activity().toLowerCase(Locale.ROOT) + " failed " + failed
            + " times, last: " + error);
        failures.forget(id);
        channel.basicAck(tag, false);
        return;
      }
      tries = "try " + failed + " of " + settings.maxDeliveries();
    }
    log.warn("{} {} failed ({}), requeueing: {}", input.activity(), input.describe().apply(payload), tries,
        error.toString());
    pause();
    channel.basicNack(tag, false, true);
  }

  private Envelope<T> read(byte[] body) {
    String type = MessageJson.typeOf(body);
    if (!input.type().equals(type)) {
      throw new IllegalArgumentException("type is '" + type + "', expected " + input.type());
    }
    Envelope<T> envelope = MessageJson.read(body, input.payloadType());
    if (envelope.version() != input.version()) {
      throw new IllegalArgumentException("version " + envelope.version() + " is not supported");
    }
    return envelope;
  }

  private Message toMessage(Envelope<T> received, JobRouted routed) {
    // Derived from the input's id: a redelivered input yields the very same job.routed id.
    UUID messageId = UUID.nameUUIDFromBytes(
        (JobRouted.TYPE + ":" + received.messageId()).getBytes(StandardCharsets.UTF_8));
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
