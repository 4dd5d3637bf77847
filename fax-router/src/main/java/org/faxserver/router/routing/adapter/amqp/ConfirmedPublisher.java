package org.faxserver.router.routing.adapter.amqp;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes and waits for the broker's confirm, so the caller acks its input only once the output is
 * safe (at-least-once). An unroutable message (returned under {@code mandatory}) counts as failed:
 * the broker would confirm it and drop it, which is exactly the silent loss to avoid.
 *
 * <p>The template must have publisher confirms (correlated) and returns enabled and be mandatory.
 */
public final class ConfirmedPublisher {

  private final RabbitTemplate template;
  private final Duration timeout;

  public ConfirmedPublisher(RabbitTemplate template, Duration timeout) {
    this.template = Objects.requireNonNull(template, "template");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Publishes and blocks until confirmed; throws {@link PublishFailedException} otherwise. */
  public void publish(String exchange, String routingKey, Message message) {
    CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
    template.send(exchange, routingKey, message, correlation);
    CorrelationData.Confirm confirm = awaitConfirm(exchange, routingKey, correlation);
    if (!confirm.isAck()) {
      throw new PublishFailedException("broker refused " + routingKey + " on '" + exchange + "': "
          + confirm.getReason());
    }
    if (correlation.getReturned() != null) {
      // Spring AMQP sets the return before it completes the confirm future.
      throw new PublishFailedException(routingKey + " on '" + exchange + "' reached no queue: "
          + correlation.getReturned().getReplyText());
    }
  }

  private CorrelationData.Confirm awaitConfirm(
      String exchange, String routingKey, CorrelationData correlation) {
    try {
      return correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException("interrupted waiting for the confirm of " + routingKey, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishFailedException("no confirm for " + routingKey + " on '" + exchange
          + "' within " + timeout, e);
    }
  }
}
