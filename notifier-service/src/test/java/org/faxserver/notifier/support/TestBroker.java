package org.faxserver.notifier.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.CopyOnWriteArrayList;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.testkit.infra.TestInfrastructure;

/**
 * The test's view of the shared broker: an exclusive server-named queue bound to
 * {@code delivery.finished} (tests look only at their own job ids), and publishing straight to one
 * context's queues through the default exchange, so no other context sees the test's messages.
 */
public final class TestBroker implements AutoCloseable {

  private final Connection connection;
  private final Channel channel;
  private final List<DeliveryFinished> finished = new CopyOnWriteArrayList<>();

  public TestBroker() {
    try {
      connection = TestInfrastructure.get().rabbit().newConnection();
      channel = connection.createChannel();
      channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
      String queue = channel.queueDeclare("", false, true, true, null).getQueue();
      channel.queueBind(queue, Exchanges.FAX_EVENTS, RoutingKeys.DELIVERY_FINISHED);
      channel.basicConsume(queue, true, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, com.rabbitmq.client.Envelope envelope, AMQP.BasicProperties props,
            byte[] body) {
          try {
            finished.add(MessageJson.read(body, DeliveryFinished.class).payload());
          } catch (RuntimeException e) {
            // another test's message in a form we do not read
          }
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void sendTo(String queue, Envelope<?> envelope) {
    try {
      channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType("application/json")
          .messageId(envelope.messageId().toString()).type(envelope.type()).deliveryMode(2).build(),
          MessageJson.write(envelope));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Publishes on fax.events, as the owning service would (every subscriber sees it). */
  public void publishEvent(String routingKey, Envelope<?> envelope) {
    try {
      channel.basicPublish(Exchanges.FAX_EVENTS, routingKey, new AMQP.BasicProperties.Builder()
          .contentType("application/json").messageId(envelope.messageId().toString()).type(envelope.type())
          .deliveryMode(2).build(), MessageJson.write(envelope));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<DeliveryFinished> finished(Predicate<DeliveryFinished> match) {
    List<DeliveryFinished> out = new ArrayList<>();
    for (DeliveryFinished f : finished) {
      if (match.test(f)) {
        out.add(f);
      }
    }
    return out;
  }

  public void deleteQueues(List<String> queues) {
    try (Channel ch = connection.createChannel()) {
      for (String q : queues) {
        ch.queueDelete(q);
      }
    } catch (Exception e) {
      // best effort
    }
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
