package org.faxserver.gateway.adapter.amqp;

import com.rabbitmq.client.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes with publisher confirms on one thread of its own: callers (the ESL event thread) never
 * wait for the broker, and messages go out in the order they were handed over. The messages waiting
 * when the thread is free go out together and wait for their confirms once: one at a time, each
 * waiting for its own confirm, the thread fell behind the calls in a burst (docs/BENCHMARKS.md,
 * session 17). If such a batch fails, its messages are published one at a time, as they were handed
 * over (one the broker had taken may then come twice: the consumers of these facts are idempotent).
 * The template must have simple publisher confirms ({@code publisher-confirm-type: simple}).
 */
public final class ConfirmedPublisher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConfirmedPublisher.class);

  private static final MessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

  /** Messages sent before one wait for their confirms, at most. */
  static final int BATCH = 100;

  private final RabbitTemplate template;
  private final Duration confirmTimeout;
  private final Duration retryDelay;
  private final ExecutorService thread;
  /** Handed over, not yet taken by the publishing thread (every hand-over also queues a task that drains this). */
  private final Queue<Outgoing> waiting = new ConcurrentLinkedQueue<>();
  private volatile boolean stopping;

  /** A message to publish; {@code untilConfirmed} ones are retried, the others tried once. */
  private record Outgoing(String exchange, String routingKey, Message message, String what, boolean untilConfirmed,
      Runnable onConfirmed) {}

  /**
   * @param confirmTimeout how long to wait for the broker's confirm of one publish
   * @param retryDelay     pause between attempts of {@link #publishUntilConfirmed}
   * @param threadName     the publishing thread's name
   */
  public ConfirmedPublisher(RabbitTemplate template, Duration confirmTimeout, Duration retryDelay,
      String threadName) {
    this.template = Objects.requireNonNull(template, "template");
    this.confirmTimeout = Objects.requireNonNull(confirmTimeout, "confirmTimeout");
    this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(threadName, "threadName");
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** A persistent JSON message carrying the envelope's id, type and correlation id. */
  public static Message message(Envelope<?> envelope) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding("UTF-8");
    props.setMessageId(envelope.messageId().toString());
    props.setType(envelope.type());
    props.setCorrelationId(envelope.correlationId());
    props.setTimestamp(Date.from(envelope.occurredAt()));
    props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    return new Message(MessageJson.write(envelope), props);
  }

  /**
   * Publishes once, later, on the publishing thread; a failure is only logged.
   *
   * @param what names the message in logs, e.g. {@code attempt.progress for <id>}
   */
  public void publishOnce(String exchange, String routingKey, Message message, String what) {
    handOver(new Outgoing(exchange, routingKey, message, what, false, () -> { }));
  }

  /**
   * Publishes later, on the publishing thread, retried until the broker confirms it or the publisher
   * stops (then it is logged as lost).
   *
   * @param what names the message in logs, e.g. {@code attempt.finished for <id>}
   */
  public void publishUntilConfirmed(String exchange, String routingKey, Message message, String what) {
    publishUntilConfirmed(exchange, routingKey, message, what, () -> { });
  }

  /**
   * As {@link #publishUntilConfirmed(String, String, Message, String)}, then runs {@code onConfirmed}
   * on the publishing thread once the broker confirmed the message (never if it is lost); a failure
   * of {@code onConfirmed} is only logged.
   */
  public void publishUntilConfirmed(String exchange, String routingKey, Message message, String what,
      Runnable onConfirmed) {
    handOver(new Outgoing(exchange, routingKey, message, what, true, Objects.requireNonNull(onConfirmed,
        "onConfirmed")));
  }

  private void handOver(Outgoing outgoing) {
    waiting.add(outgoing);
    thread.execute(this::publishWaiting);
  }

  /** On the publishing thread: what is waiting, in batches; a task that finds nothing was drained by an earlier one. */
  private void publishWaiting() {
    List<Outgoing> batch = new ArrayList<>();
    for (Outgoing next; batch.size() < BATCH && (next = waiting.poll()) != null; ) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      publish(batch);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        publishAlone(batch.get(0), e);
      } else {
        log.debug("a batch of {} messages not confirmed ({}); publishing them one at a time", batch.size(),
            e.toString());
        batch.forEach(this::publishOne);
      }
      return;
    }
    batch.forEach(this::confirmed);
  }

  private void publishOne(Outgoing outgoing) {
    try {
      publish(List.of(outgoing));
    } catch (RuntimeException e) {
      publishAlone(outgoing, e);
      return;
    }
    confirmed(outgoing);
  }

  /** After {@code failure}: logs a message tried once; retries one to be confirmed until it is, or the publisher stops. */
  private void publishAlone(Outgoing outgoing, RuntimeException failure) {
    if (!outgoing.untilConfirmed()) {
      log.warn("{} not published: {}", outgoing.what(), failure.toString());
      return;
    }
    RuntimeException last = failure;
    while (!stopping) {
      log.warn("{} not confirmed ({}); retrying in {}", outgoing.what(), last.toString(), retryDelay);
      try {
        Thread.sleep(retryDelay.toMillis());
      } catch (InterruptedException ie) {
        // Only a stop interrupts the thread.
        Thread.currentThread().interrupt();
        break;
      }
      try {
        publish(List.of(outgoing));
      } catch (RuntimeException e) {
        last = e;
        continue;
      }
      confirmed(outgoing);
      return;
    }
    log.error("{} LOST at shutdown: {}", outgoing.what(), last.toString());
  }

  private void confirmed(Outgoing outgoing) {
    try {
      outgoing.onConfirmed().run();
    } catch (RuntimeException e) {
      log.warn("{} confirmed, but the follow-up failed: {}", outgoing.what(), e.toString());
    }
  }

  private void publish(List<Outgoing> batch) {
    template.execute(channel -> {
      // On the physical channel: when the broker closes it (it refused a message), Spring's proxy would open a new
      // one for the next call and wait for that one's confirms, which are none, so the messages sent after the
      // refused one would count as confirmed although the broker dropped them (seen in a test run).
      Channel target = channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
      for (Outgoing outgoing : batch) {
        Message message = outgoing.message();
        target.basicPublish(outgoing.exchange(), outgoing.routingKey(), false,
            PROPERTIES.fromMessageProperties(message.getMessageProperties(), StandardCharsets.UTF_8.name()),
            message.getBody());
      }
      target.waitForConfirmsOrDie(confirmTimeout.toMillis());
      return null;
    });
  }

  /** Lets queued messages go out (up to 10 s), then stops retrying. */
  @Override
  public void destroy() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
      stopping = true;
      thread.shutdownNow();
    }
  }
}
