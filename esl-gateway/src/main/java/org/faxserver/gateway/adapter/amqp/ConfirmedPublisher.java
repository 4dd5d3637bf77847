package org.faxserver.gateway.adapter.amqp;

import java.time.Duration;
import java.util.Date;
import java.util.Objects;
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
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes with publisher confirms on one thread of its own: callers (the ESL event thread) never
 * wait for the broker, and messages go out in the order they were handed over. The template must
 * have simple publisher confirms ({@code publisher-confirm-type: simple}).
 */
public final class ConfirmedPublisher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConfirmedPublisher.class);

  private final RabbitTemplate template;
  private final Duration confirmTimeout;
  private final Duration retryDelay;
  private final ExecutorService thread;
  private volatile boolean stopping;

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
    thread.execute(() -> {
      try {
        publish(exchange, routingKey, message);
      } catch (RuntimeException e) {
        log.warn("{} not published: {}", what, e.toString());
      }
    });
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
    Objects.requireNonNull(onConfirmed, "onConfirmed");
    thread.execute(() -> {
      while (true) {
        try {
          publish(exchange, routingKey, message);
        } catch (RuntimeException e) {
          if (stopping) {
            log.error("{} LOST at shutdown: {}", what, e.toString());
            return;
          }
          log.warn("{} not confirmed ({}); retrying in {}", what, e.toString(), retryDelay);
          try {
            Thread.sleep(retryDelay.toMillis());
          } catch (InterruptedException ie) {
            // Only a stop interrupts the thread.
            Thread.currentThread().interrupt();
            log.error("{} LOST at shutdown: {}", what, e.toString());
            return;
          }
          continue;
        }
        try {
          onConfirmed.run();
        } catch (RuntimeException e) {
          log.warn("{} confirmed, but the follow-up failed: {}", what, e.toString());
        }
        return;
      }
    });
  }

  private void publish(String exchange, String routingKey, Message message) {
    template.invoke(ops -> {
      ops.send(exchange, routingKey, message);
      ops.waitForConfirmsOrDie(confirmTimeout.toMillis());
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
