package org.faxserver.gateway.receive.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.faxserver.document.store.FileSystemDocumentStore;
import org.faxserver.gateway.receive.adapter.document.PendingReceptions;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.fax.T38Status;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.testkit.infra.RabbitBroker;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.ChannelCallback;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/** {@code inbound.received} survives a gateway crash before the broker's confirm (the local broker; a closed port). */
class RabbitInboundFactsTest {

  private static final UUID CALL = UUID.fromString("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T15:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path root;

  /** The local broker, with a queue of this test's own that remembers what reached {@code fax.events} under its key. */
  static final class Broker implements AutoCloseable {
    record Sent(String exchange, String routingKey, Message message) {}

    final String receivedKey = "test.inbound.received." + UUID.randomUUID();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final CachingConnectionFactory connections;
    final RabbitTemplate template;
    private final Connection connection;

    Broker() throws Exception {
      RabbitBroker rabbit = TestInfrastructure.get().rabbit();
      connection = rabbit.newConnection();
      Channel channel = connection.createChannel();
      channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
      String queue = channel.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
      channel.queueBind(queue, Exchanges.FAX_EVENTS, receivedKey);
      MessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();
      channel.basicConsume(queue, true, (tag, delivery) -> sent.add(new Sent(delivery.getEnvelope().getExchange(),
          delivery.getEnvelope().getRoutingKey(), new Message(delivery.getBody(), properties.toMessageProperties(
              delivery.getProperties(), delivery.getEnvelope(), StandardCharsets.UTF_8.name())))), tag -> { });
      connections = new CachingConnectionFactory(rabbit.connectionFactory());
      connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
      template = new RabbitTemplate(connections);
    }

    @Override
    public void close() throws Exception {
      connections.destroy();
      connection.close();
    }
  }

  /** A broker that cannot be reached (nothing listens on port 1): nothing is ever confirmed. */
  static final class UnreachableTemplate extends RabbitTemplate {
    volatile int attempts;

    UnreachableTemplate() {
      super(new CachingConnectionFactory("127.0.0.1", 1));
    }

    @Override
    public <T> T execute(ChannelCallback<T> action) {
      attempts++;
      return super.execute(action);
    }
  }

  private static InboundReceived received() {
    FaxResult result = new FaxResult(true, 0, "OK", 2, 2, HangupCause.NORMAL_CLEARING, "REMOTE", "LOCAL", 14400,
        true, T38Status.OFF, 0, 1, List.of());
    return new InboundReceived(CALL, "t7", PhoneNumber.ofE164("+442079460958"), PhoneNumber.ofE164("+15550001001"),
        "carrier-a", DocumentRef.tiff("t7/inbound/2026/12/05/" + CALL + ".tif"), result, CLOCK.instant());
  }

  private RabbitInboundFacts facts(RabbitTemplate template, String receivedKey, FileSystemDocumentStore store,
      Duration retryDelay) {
    return new RabbitInboundFacts(template, new PendingReceptions(store), CLOCK, Duration.ofSeconds(1), retryDelay,
        receivedKey, "test.fallback.set");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  private static boolean exists(FileSystemDocumentStore store, String key) {
    try {
      return store.exists(key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void recordIsDeletedOnceTheBrokerConfirmed() throws Exception {
    FileSystemDocumentStore store = new FileSystemDocumentStore(root);
    try (Broker broker = new Broker()) {
      RabbitInboundFacts facts = facts(broker.template, broker.receivedKey, store, Duration.ofMillis(50));

      facts.received(received());

      await(() -> broker.sent.size() == 1);
      await(() -> !exists(store, PendingReceptions.key(CALL)));
      assertThat(broker.sent.get(0).exchange()).isEqualTo(Exchanges.FAX_EVENTS);
      assertThat(broker.sent.get(0).routingKey()).isEqualTo(broker.receivedKey);
      facts.destroy();
    }
  }

  @Test
  void unconfirmedFaxSurvivesACrashAndIsRepublishedByTheNextInstance() throws Exception {
    FileSystemDocumentStore store = new FileSystemDocumentStore(root);
    UnreachableTemplate down = new UnreachableTemplate();
    // Retries only after an hour: this instance is "dead" after its first failed publish (never destroyed).
    RabbitInboundFacts crashed = facts(down, "test.inbound.received", store, Duration.ofHours(1));

    crashed.received(received());
    // The record is durable before the message is even handed to the publisher.
    assertThat(store.exists(PendingReceptions.key(CALL))).isTrue();
    await(() -> down.attempts >= 1);
    assertThat(store.exists(PendingReceptions.key(CALL))).isTrue();
    Envelope<InboundReceived> written;
    try (InputStream in = store.open(PendingReceptions.key(CALL))) {
      written = MessageJson.read(in.readAllBytes(), InboundReceived.class);
    }
    assertThat(written.payload()).isEqualTo(received());
    // The store's temporary files are never taken for records.
    Files.writeString(root.resolve("inbound/pending/.tmp-123.part"), "half", StandardCharsets.UTF_8);

    // A new instance on the same store, the broker back.
    try (Broker broker = new Broker()) {
      RabbitInboundFacts restarted = facts(broker.template, broker.receivedKey, store, Duration.ofMillis(50));
      restarted.afterPropertiesSet();

      await(() -> broker.sent.size() == 1);
      await(() -> !exists(store, PendingReceptions.key(CALL)));
      Message again = broker.sent.get(0).message();
      assertThat(broker.sent.get(0).routingKey()).isEqualTo(broker.receivedKey);
      assertThat(again.getMessageProperties().getMessageId()).isEqualTo(written.messageId().toString());
      assertThat(again.getMessageProperties().getMessageId()).isEqualTo(
          UUID.nameUUIDFromBytes(("inbound.received:" + CALL).getBytes(StandardCharsets.UTF_8)).toString());
      assertThat(again.getMessageProperties().getCorrelationId()).isEqualTo(CALL.toString());
      assertThat(again.getMessageProperties().getType()).isEqualTo(InboundReceived.TYPE);
      assertThat(MessageJson.read(again.getBody(), InboundReceived.class)).isEqualTo(written);

      // Nothing left: a further start publishes nothing.
      assertThat(restarted.republishLeftovers()).isZero();
      restarted.destroy();
    }
  }
}
