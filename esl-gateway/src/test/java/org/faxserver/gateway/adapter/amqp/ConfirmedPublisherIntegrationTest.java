package org.faxserver.gateway.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.faxserver.testkit.infra.RabbitBroker;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** The publishing thread against the real broker: batches keep the order, and a refused message costs no other. */
class ConfirmedPublisherIntegrationTest {

  private Connection connection;
  private Channel channel;
  private String queue;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private CachingConnectionFactory connections;
  private ConfirmedPublisher publisher;

  @BeforeEach
  void broker() throws Exception {
    RabbitBroker rabbit = TestInfrastructure.get().rabbit();
    connection = rabbit.newConnection();
    channel = connection.createChannel();
    queue = channel.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
    channel.basicConsume(queue, true,
        (tag, delivery) -> received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)), tag -> { });
    connections = new CachingConnectionFactory(rabbit.connectionFactory());
    connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
    publisher = new ConfirmedPublisher(new RabbitTemplate(connections), Duration.ofSeconds(5), Duration.ofMillis(50),
        "publisher-test");
  }

  @AfterEach
  void close() throws Exception {
    publisher.destroy();
    connections.destroy();
    connection.close();
  }

  @Test
  void messagesHandedOverFasterThanConfirmsComeGoOutInOrderAndEachConfirmedOneIsFollowedUp() {
    AtomicInteger followedUp = new AtomicInteger();
    int count = 3 * ConfirmedPublisher.BATCH + 7;

    for (int i = 0; i < count; i++) {
      if (i % 2 == 0) {
        publisher.publishUntilConfirmed("", queue, text(i), "message " + i, followedUp::incrementAndGet);
      } else {
        publisher.publishOnce("", queue, text(i), "message " + i);
      }
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= count);
    assertThat(received).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(String::valueOf).toList());
    await().atMost(Duration.ofSeconds(5)).until(() -> followedUp.get() == (count + 1) / 2);
  }

  @Test
  void aMessageTheBrokerRefusesCostsNoOtherMessageOfItsBatch() throws Exception {
    // Holds the publishing thread (in a follow-up) while the batch is handed over, so that it goes out as one.
    CountDownLatch handedOver = new CountDownLatch(1);
    publisher.publishUntilConfirmed("", queue, text(-1), "the first", () -> hold(handedOver));
    await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("-1"));
    String noSuchExchange = "no-such-exchange-" + UUID.randomUUID();
    AtomicInteger followedUp = new AtomicInteger();

    // Enough after the refused one that the channel's close reaches the client while the batch is being sent.
    int count = ConfirmedPublisher.BATCH + 20;
    for (int i = 0; i < count; i++) {
      if (i == 7) {
        // the broker closes the channel: the batch fails, and is published one message at a time
        publisher.publishOnce(noSuchExchange, "x", text(i), "refused");
      } else {
        publisher.publishUntilConfirmed("", queue, text(i), "message " + i, followedUp::incrementAndGet);
      }
    }
    handedOver.countDown();

    await().atMost(Duration.ofSeconds(20)).until(() -> received.contains(String.valueOf(count - 1)));
    // The broker took those before the refused one before it closed the channel: they come again, in order.
    assertThat(received.stream().distinct().toList()).containsExactlyElementsOf(
        IntStream.range(-1, count).filter(i -> i != 7).mapToObj(String::valueOf).toList());
    assertThat(received).as("the batch was sent together, then one message at a time").hasSizeGreaterThan(count);
    assertThat(followedUp.get()).isEqualTo(count - 1);
  }

  private static Message text(int n) {
    return new Message(String.valueOf(n).getBytes(StandardCharsets.UTF_8), new MessageProperties());
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
