package org.faxserver.gateway.send.adapter.amqp;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.faxserver.gateway.send.application.AttemptEvents;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes attempt facts to {@code fax.events} with publisher confirms, on one thread of its own:
 * callers (the ESL event thread) never wait for the broker, and facts of one attempt keep their
 * order. {@code attempt.finished} is retried until the broker confirms it; it is the only record of
 * the call's outcome. Progress is tried once.
 */
public final class RabbitAttemptEvents implements AttemptEvents, DisposableBean {

  /** Header naming the number this attempt put on the softmodem fallback list (fax-queue mirrors it). */
  public static final String FALLBACK_LEARNED_HEADER = "x-softmodem-fallback-learned";

  private static final Logger log = LoggerFactory.getLogger(RabbitAttemptEvents.class);

  private final RabbitTemplate template;
  private final Clock clock;
  private final Duration confirmTimeout;
  private final Duration retryDelay;
  private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "attempt-events");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean stopping;

  public RabbitAttemptEvents(RabbitTemplate template, Clock clock, Duration confirmTimeout, Duration retryDelay) {
    this.template = template;
    this.clock = clock;
    this.confirmTimeout = confirmTimeout;
    this.retryDelay = retryDelay;
  }

  @Override
  public void progress(AttemptProgress progress) {
    Message message = message(Envelope.of(AttemptProgress.TYPE, AttemptProgress.VERSION, progress.jobId().toString(),
        progress, clock), null);
    publisher.execute(() -> {
      try {
        publish(RoutingKeys.ATTEMPT_PROGRESS, message);
      } catch (RuntimeException e) {
        log.warn("attempt.progress for {} not published: {}", progress.attemptId(), e.toString());
      }
    });
  }

  @Override
  public void finished(AttemptFinished finished, String learnedFallback) {
    Message message = message(Envelope.of(AttemptFinished.TYPE, AttemptFinished.VERSION, finished.jobId().toString(),
        finished, clock), learnedFallback);
    publisher.execute(() -> {
      while (true) {
        try {
          publish(RoutingKeys.ATTEMPT_FINISHED, message);
          return;
        } catch (RuntimeException e) {
          if (stopping) {
            log.error("attempt.finished for {} LOST at shutdown: {}", finished.attemptId(), e.toString());
            return;
          }
          log.warn("attempt.finished for {} not confirmed ({}); retrying in {}", finished.attemptId(), e.toString(),
              retryDelay);
          sleep(retryDelay);
        }
      }
    });
  }

  private void publish(String routingKey, Message message) {
    template.invoke(ops -> {
      ops.send(Exchanges.FAX_EVENTS, routingKey, message);
      ops.waitForConfirmsOrDie(confirmTimeout.toMillis());
      return null;
    });
  }

  private static Message message(Envelope<?> envelope, String learnedFallback) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding("UTF-8");
    props.setMessageId(envelope.messageId().toString());
    props.setType(envelope.type());
    props.setCorrelationId(envelope.correlationId());
    props.setTimestamp(Date.from(envelope.occurredAt()));
    props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    if (learnedFallback != null) {
      props.setHeader(FALLBACK_LEARNED_HEADER, learnedFallback);
    }
    return new Message(MessageJson.write(envelope), props);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets queued facts go out (up to 10 s), then stops retrying. */
  @Override
  public void destroy() throws InterruptedException {
    publisher.shutdown();
    if (!publisher.awaitTermination(10, TimeUnit.SECONDS)) {
      stopping = true;
      publisher.shutdownNow();
    }
  }
}
