package org.faxserver.queue.support;


import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageTypes;
import org.faxserver.model.job.CallKill;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.testkit.infra.TestInfrastructure;

/**
 * The test's own view of the shared broker: a server-named exclusive queue bound to what fax-queue
 * publishes, collecting every envelope; tests look only for their own job ids. Publishing goes straight
 * to one context's queue (default exchange), so other contexts on the broker never see it.
 */
public final class TestBroker implements AutoCloseable {

  private static final Map<String, Class<?>> EXTRA = Map.of(
      CallKill.TYPE, CallKill.class,
      FallbackChange.CHANGED_TYPE, FallbackChange.class,
      OverrideChange.CHANGED_TYPE, OverrideChange.class);

  private final Connection connection;
  private final Channel channel;
  private final List<org.faxserver.model.messaging.Envelope<?>> received = new CopyOnWriteArrayList<>();

  public TestBroker() {
    try {
      connection = TestInfrastructure.get().rabbit().newConnection();
      channel = connection.createChannel();
      // As the services declare them (idempotent): this may run before any context on a fresh broker.
      channel.exchangeDeclare(Exchanges.FAX_COMMANDS, "topic", true);
      channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
      String queue = channel.queueDeclare("", false, true, true, null).getQueue();
      for (String key : List.of("fax.originate", "deliver.webhook", "deliver.email")) {
        channel.queueBind(queue, Exchanges.FAX_COMMANDS, key);
      }
      for (String key : List.of("job.status", "job.completed", CallKill.TYPE, FallbackChange.CHANGED_TYPE,
          OverrideChange.CHANGED_TYPE)) {
        channel.queueBind(queue, Exchanges.FAX_EVENTS, key);
      }
      channel.basicConsume(queue, true, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
          // The broker is shared: other engineers' tests publish here too, in forms we may not read.
          // Anything unreadable is dropped; an exception would close the channel.
          try {
            String type = MessageJson.typeOf(body);
            Class<?> payload = MessageTypes.payloadClass(type).orElse(EXTRA.get(type));
            if (payload != null) {
              received.add(MessageJson.read(body, payload));
            }
          } catch (RuntimeException e) {
            // not ours
          }
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends an envelope straight to {@code queue}. */
  public void sendTo(String queue, org.faxserver.model.messaging.Envelope<?> envelope) {
    sendRaw(queue, MessageJson.write(envelope), envelope.messageId().toString(), envelope.type());
  }

  public void sendRaw(String queue, byte[] body, String messageId, String type) {
    try {
      channel.basicPublish("", queue, new AMQP.BasicProperties.Builder()
          .contentType("application/json").messageId(messageId).type(type).deliveryMode(2).build(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Payloads of {@code type} received so far that match. */
  public <T> List<T> all(Class<T> type, Predicate<T> match) {
    List<T> out = new ArrayList<>();
    for (var envelope : received) {
      if (type.isInstance(envelope.payload()) && match.test(type.cast(envelope.payload()))) {
        out.add(type.cast(envelope.payload()));
      }
    }
    return out;
  }

  /** Waits for the {@code n}-th (1-based) matching payload. */
  public <T> T await(Class<T> type, int n, Predicate<T> match) {
    return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> all(type, match), list -> list.size() >= n).get(n - 1);
  }

  public <T> T await(Class<T> type, Predicate<T> match) {
    return await(type, 1, match);
  }

  /** A message count of a queue (e.g. a parking queue). */
  public long messageCount(String queue) {
    try {
      return channel.messageCount(queue);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void deleteQueues(List<String> queues) {
    try (Channel ch = connection.createChannel()) {
      for (String q : queues) {
        ch.queueDelete(q);
      }
    } catch (Exception e) {
      // best effort: a leftover test queue on a shared broker is harmless
    }
  }

  public static String uniqueService() {
    return "fax-queue-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
