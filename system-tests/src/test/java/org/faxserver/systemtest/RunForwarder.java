package org.faxserver.systemtest;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolation on the shared broker. The services publish with fixed routing keys ({@code job.routed},
 * {@code attempt.finished}, {@code fax.originate}, ...), and every test run's consumers are bound to them, so
 * without this each run would receive every other run's messages (another run's fax-queue would store and dial
 * this run's jobs, a benchmark would flood every other run). So this run's fax-queue and esl-gateway are bound
 * with keys of their own ({@code <key>.<runId>}: {@code faxserver.queue.binding-suffix},
 * {@code faxserver.gateway.originate-routing-key}), and this forwarder takes the fixed-key messages from a
 * server-named exclusive queue and republishes only this run's ones with the run's key, unchanged and
 * persistent, on the same exchange. A forwarded message is acked once the broker confirmed the republish
 * (confirms are handled asynchronously, so forwarding is not serialised on round trips); one consumer and one
 * channel keep the order. What "this run's" means is the caller's {@link Filter} (ids looked up in this run's
 * database).
 *
 * <p>The cost is one broker hop (and usually one PostgreSQL lookup) per forwarded message; the pipeline
 * benchmark's latencies include it.
 */
final class RunForwarder implements AutoCloseable {

  /** Whether a message (its routing key and body) belongs to this run. */
  interface Filter {
    boolean mine(String routingKey, byte[] body);
  }

  private static final Logger log = LoggerFactory.getLogger(RunForwarder.class);
  private final Channel channel;
  private final String suffix;
  private final Object lock = new Object();
  private final NavigableMap<Long, Long> pending = new ConcurrentSkipListMap<>();
  final AtomicLong forwarded = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();

  /**
   * @param bindings exchange → routing keys to take
   * @param suffix   appended to the routing key ({@code <key>.<suffix>}) when forwarding
   */
  RunForwarder(Connection connection, Map<String, java.util.List<String>> bindings, String suffix, Filter filter)
      throws IOException {
    this.suffix = suffix;
    channel = connection.createChannel();
    channel.confirmSelect();
    channel.basicQos(500);
    channel.addConfirmListener((seq, multiple) -> settle(seq, multiple, true),
        (seq, multiple) -> settle(seq, multiple, false));
    String queue = channel.queueDeclare("", false, true, true, null).getQueue();
    for (var b : bindings.entrySet()) {
      for (String key : b.getValue()) {
        channel.queueBind(queue, b.getKey(), key);
      }
    }
    channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
          throws IOException {
        boolean mine;
        try {
          mine = filter.mine(envelope.getRoutingKey(), body);
        } catch (RuntimeException e) {
          mine = false; // unreadable: not one of ours (the broker is shared)
        }
        synchronized (lock) {
          if (mine) {
            pending.put(channel.getNextPublishSeqNo(), envelope.getDeliveryTag());
            channel.basicPublish(envelope.getExchange(), envelope.getRoutingKey() + "." + suffix, true, props, body);
            forwarded.incrementAndGet();
          } else {
            channel.basicAck(envelope.getDeliveryTag(), false);
            dropped.incrementAndGet();
          }
        }
      }
    });
  }

  private void settle(long seq, boolean multiple, boolean ack) throws IOException {
    synchronized (lock) {
      Map<Long, Long> done = multiple ? pending.headMap(seq, true) : pending.subMap(seq, true, seq, true);
      for (Long deliveryTag : done.values()) {
        if (ack) {
          channel.basicAck(deliveryTag, false);
        } else {
          log.warn("forward not confirmed; requeued");
          channel.basicNack(deliveryTag, false, true);
        }
      }
      done.clear();
    }
  }

  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
      log.debug("closing forwarder", e);
    }
  }
}
