package org.faxserver.gateway.send.it;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.testkit.infra.TestInfrastructure;

/**
 * Listens to {@code attempt.progress} and {@code attempt.finished} on a server-named exclusive queue
 * of its own (RabbitMQ is shared with other tests; callers filter by their own attempt ids), and
 * publishes commands and kills like fax-queue would.
 */
final class FaxEventsProbe implements AutoCloseable {

  /** A received fact with the AMQP headers it came with. */
  record Received<T>(Envelope<T> envelope, Map<String, Object> headers) {
    T payload() {
      return envelope.payload();
    }
  }

  private final Connection connection;
  private final Channel channel;
  private final List<Received<AttemptFinished>> finished = new CopyOnWriteArrayList<>();
  private final List<AttemptProgress> progress = new CopyOnWriteArrayList<>();

  private FaxEventsProbe() throws IOException {
    connection = TestInfrastructure.get().rabbit().newConnection();
    channel = connection.createChannel();
    channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
    channel.exchangeDeclare(Exchanges.FAX_COMMANDS, "topic", true);
    String queue = channel.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
    channel.queueBind(queue, Exchanges.FAX_EVENTS, RoutingKeys.ATTEMPT_FINISHED);
    channel.queueBind(queue, Exchanges.FAX_EVENTS, RoutingKeys.ATTEMPT_PROGRESS);
    DeliverCallback onMessage = (tag, delivery) -> {
      String type = MessageJson.typeOf(delivery.getBody());
      if (AttemptFinished.TYPE.equals(type)) {
        Map<String, Object> headers = delivery.getProperties().getHeaders();
        finished.add(new Received<>(MessageJson.read(delivery.getBody(), AttemptFinished.class),
            headers == null ? Map.of() : Map.copyOf(headers)));
      } else if (AttemptProgress.TYPE.equals(type)) {
        progress.add(MessageJson.read(delivery.getBody(), AttemptProgress.class).payload());
      }
    };
    channel.basicConsume(queue, true, onMessage, tag -> { });
  }

  static FaxEventsProbe start() {
    try {
      return new FaxEventsProbe();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Publishes a command to {@code fax.commands}. */
  void publishCommand(String routingKey, Envelope<?> envelope) {
    publish(Exchanges.FAX_COMMANDS, routingKey, MessageJson.write(envelope));
  }

  /** Publishes raw bytes as a command, e.g. an unreadable one. */
  void publishRawCommand(String routingKey, byte[] body) {
    publish(Exchanges.FAX_COMMANDS, routingKey, body);
  }

  /** Publishes {@code call.kill} for an attempt to {@code fax.events}. */
  void publishCallKill(UUID attemptId) {
    String json = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"type\":\"call.kill\",\"version\":1,"
        + "\"occurredAt\":\"2026-11-26T08:00:00Z\",\"correlationId\":null,"
        + "\"payload\":{\"attemptId\":\"" + attemptId + "\",\"reason\":\"job cancelled\"}}";
    publish(Exchanges.FAX_EVENTS, "call.kill", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void publish(String exchange, String key, byte[] body) {
    try {
      synchronized (channel) {
        channel.basicPublish(exchange, key, new AMQP.BasicProperties.Builder().contentType("application/json")
            .deliveryMode(2).build(), body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the attempt's {@code attempt.finished}. */
  Received<AttemptFinished> awaitFinished(UUID attemptId, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (Received<AttemptFinished> r : finished) {
        if (r.payload().attemptId().equals(attemptId)) {
          return r;
        }
      }
      sleep(20);
    }
    throw new AssertionError("no attempt.finished for " + attemptId + " within " + timeout);
  }

  /** Every {@code attempt.finished} received for the attempt so far. */
  List<AttemptFinished> finished(UUID attemptId) {
    return finished.stream().map(Received::payload).filter(f -> f.attemptId().equals(attemptId)).toList();
  }

  /** Every {@code attempt.progress} received for the attempt so far, in arrival order. */
  List<AttemptProgress> progress(UUID attemptId) {
    return progress.stream().filter(p -> p.attemptId().equals(attemptId)).toList();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes a test's durable queues (work and parking), so the shared broker does not collect them.
   * Call it after FreeSWITCH went away: the gateway then stops consuming, and deleting a queue that
   * still has our consumer would only make Spring declare it again.
   */
  void deleteTestQueues(String testId) {
    String queue = "esl-gateway.fax.originate.test-" + testId;
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    try {
      while (System.nanoTime() < end && consumers(queue) > 0) {
        sleep(50);
      }
    } catch (IOException e) {
      return;
    }
    for (String name : new String[] {queue, queue + ".parking"}) {
      try {
        synchronized (channel) {
          channel.queueDelete(name);
        }
      } catch (IOException | RuntimeException e) {
        // best effort: a leftover test queue harms nobody
      }
    }
  }

  private int consumers(String queue) throws IOException {
    synchronized (channel) {
      return channel.queueDeclarePassive(queue).getConsumerCount();
    }
  }

  @Override
  public void close() throws IOException, TimeoutException {
    connection.close();
  }
}
