package org.faxserver.support;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageBatchRecoverer;

/**
 * Called when a message failed {@code max-deliveries} times: republishes it, unchanged plus the
 * reason in headers, to {@code <consumer queue>.parking} through the default exchange, and waits for
 * the broker's confirm. Only then does the listener ack the original, so a parked message is never
 * lost, and a poison message never loops. A batch listener's batch that failed is parked message by message
 * (Spring's stateless retry acks a batch it has no batch recoverer for: this is that recoverer).
 *
 * <p>A message that failed because PostgreSQL or the broker cannot be reached ({@link DependencyOutage}) is
 * not parked: nothing is wrong with it. The recoverer throws instead, the container puts the message back on
 * its queue, and it is tried again (with the same backoff) until the outage is over.
 */
public final class ParkingRecoverer implements MessageBatchRecoverer {

  private static final Logger log = LoggerFactory.getLogger(ParkingRecoverer.class);
  private static final int MAX_HEADER = 1000;

  private final RabbitTemplate rabbit;
  private final long confirmTimeoutMillis;

  public ParkingRecoverer(RabbitTemplate rabbit, long confirmTimeoutMillis) {
    this.rabbit = rabbit;
    this.confirmTimeoutMillis = confirmTimeoutMillis;
  }

  @Override
  public void recover(List<Message> messages, Throwable cause) {
    DependencyOutage.refuseToPark(messages.size() + " messages", cause);
    for (Message message : messages) {
      recover(message, cause);
    }
  }

  @Override
  public void recover(Message message, Throwable cause) {
    MessageProperties props = message.getMessageProperties();
    String queue = props.getConsumerQueue();
    if (queue == null) {
      throw new AmqpException("cannot park a message without its consumer queue", cause);
    }
    DependencyOutage.refuseToPark("message " + props.getMessageId(), cause);
    String parking = Topology.parkingQueueName(queue);
    Throwable root = rootCause(cause);
    props.setHeader("x-parked-from", queue);
    props.setHeader("x-original-exchange", props.getReceivedExchange());
    props.setHeader("x-original-routing-key", props.getReceivedRoutingKey());
    props.setHeader("x-exception", truncate(root.getClass().getName() + ": " + root.getMessage()));
    log.warn("parking message {} from {} after repeated failures: {}", props.getMessageId(), queue,
        root.toString());
    CorrelationData correlation = new CorrelationData();
    rabbit.send("", parking, message, correlation);
    awaitConfirm(correlation, parking);
  }

  private void awaitConfirm(CorrelationData correlation, String parking) {
    if (!rabbit.getConnectionFactory().isPublisherConfirms()) {
      return;
    }
    try {
      CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeoutMillis, TimeUnit.MILLISECONDS);
      if (!confirm.isAck()) {
        throw new AmqpException("broker refused the parked message for " + parking + ": " + confirm.getReason());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmqpException("interrupted while parking a message", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AmqpException("no confirm for the parked message for " + parking, e);
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String truncate(String s) {
    return s.length() > MAX_HEADER ? s.substring(0, MAX_HEADER) : s;
  }
}
