package org.faxserver.api.fax;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.testkit.infra.TestInfrastructure;

/**
 * Captures messages of one routing key on the real broker through a server-named, exclusive,
 * auto-delete queue, so other test classes on the shared broker never see (or steal) them.
 */
public final class BrokerMessages<T> implements AutoCloseable {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    /** Several relay polls (100 ms in tests): long enough for a wrongly duplicated message to show up. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(1500);

    private final Connection connection;
    private final List<Envelope<T>> received = new CopyOnWriteArrayList<>();

    public BrokerMessages(String exchange, String routingKey, Class<T> payload) throws Exception {
        connection = TestInfrastructure.get().rabbit().newConnection();
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, routingKey);
        channel.basicConsume(queue, true, (tag, delivery) -> received.add(MessageJson.read(delivery.getBody(), payload)),
                tag -> { });
    }

    /** Waits for {@code count} matching messages, then a quiet period in which duplicates would show. */
    public List<Envelope<T>> await(Predicate<Envelope<T>> matching, int count) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (matching(matching).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(QUIET_PERIOD.toMillis());
        return matching(matching);
    }

    private List<Envelope<T>> matching(Predicate<Envelope<T>> matching) {
        return received.stream().filter(matching).toList();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
