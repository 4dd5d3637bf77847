package org.faxserver.support;

import java.util.HashMap;
import java.util.Map;
import org.faxserver.model.messaging.Exchanges;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

/**
 * The queue layout of decision 0004: durable topic exchanges {@code fax.events} and
 * {@code fax.commands}; per consumer a durable queue {@code <service>.<routing key>} bound to one of
 * them, and beside it {@code <queue>.parking} where messages go after too many failed deliveries.
 *
 * <p>No dead-letter or TTL arguments: the embedded Qpid broker rejects RabbitMQ-only queue arguments,
 * so parking is done by the consumer ({@link ParkingRecoverer}) instead of the broker.
 */
public final class Topology {

  /** Suffix of the parking queue beside each consumer queue. */
  public static final String PARKING_SUFFIX = ".parking";

  private Topology() {}

  public static TopicExchange events() {
    return new TopicExchange(Exchanges.FAX_EVENTS, true, false);
  }

  public static TopicExchange commands() {
    return new TopicExchange(Exchanges.FAX_COMMANDS, true, false);
  }

  /** {@code <service>.<routingKey>}, e.g. "fax-queue.job.routed". */
  public static String queueName(String service, String routingKey) {
    return service + "." + routingKey;
  }

  public static String parkingQueueName(String queue) {
    return queue + PARKING_SUFFIX;
  }

  /**
   * A consumer's durable queue bound to {@code exchange} with {@code routingKey}, plus its parking
   * queue. Register the result as a bean; RabbitAdmin declares it (idempotently) on connect.
   */
  public static Declarables serviceQueue(
      String service, String exchange, String routingKey, boolean quorum) {
    String name = queueName(service, routingKey);
    Queue queue = new Queue(name, true, false, false, arguments(quorum));
    Queue parking = new Queue(parkingQueueName(name), true, false, false, arguments(quorum));
    Binding binding = BindingBuilder.bind(queue).to(new TopicExchange(exchange, true, false)).with(routingKey);
    return new Declarables(queue, parking, binding);
  }

  private static Map<String, Object> arguments(boolean quorum) {
    Map<String, Object> args = new HashMap<>();
    if (quorum) {
      args.put("x-queue-type", "quorum");
    }
    return args;
  }
}
