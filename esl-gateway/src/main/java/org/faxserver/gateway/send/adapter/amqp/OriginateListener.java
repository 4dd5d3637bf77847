package org.faxserver.gateway.send.adapter.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.faxserver.gateway.send.application.SendingFaxes;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.MessageJsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Consumes {@code fax.originate} with manual acks and only translates: message → command →
 * {@link SendingFaxes#originate} → ack, or requeue when the use case says "later". Unreadable
 * messages, and ones that failed {@code maxDeliveries} times, go to the parking queue instead of
 * looping. Failures are counted here per attempt id, because classic queues carry no delivery count.
 */
public final class OriginateListener implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(OriginateListener.class);

  /** Pause before requeueing, so a command bounces at most a few times until the consumer is stopped. */
  private static final long REQUEUE_PAUSE_MILLIS = 200;

  private final SendingFaxes sending;
  private final RabbitTemplate template;
  private final String parkingQueue;
  private final int maxDeliveries;
  private final Map<String, Integer> failures = Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > 1000;
    }
  });

  public OriginateListener(SendingFaxes sending, RabbitTemplate template, String parkingQueue, int maxDeliveries) {
    this.sending = sending;
    this.template = template;
    this.parkingQueue = parkingQueue;
    this.maxDeliveries = maxDeliveries;
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    OriginateFax command;
    try {
      Envelope<OriginateFax> envelope = MessageJson.read(message.getBody(), OriginateFax.class);
      if (!OriginateFax.TYPE.equals(envelope.type())) {
        throw new MessageJsonException("expected " + OriginateFax.TYPE + " but got " + envelope.type(), null);
      }
      command = envelope.payload();
    } catch (MessageJsonException e) {
      park(message, e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
      channel.basicAck(tag, false);
      return;
    }
    SendingFaxes.Intake intake;
    try {
      intake = sending.originate(command);
    } catch (RuntimeException e) {
      int failed = failures.merge(command.attemptId().toString(), 1, Integer::sum);
      if (failed >= maxDeliveries) {
        log.error("originate of attempt {} failed {} times; parking it", command.attemptId(), failed, e);
        failures.remove(command.attemptId().toString());
        park(message, e.toString());
        channel.basicAck(tag, false);
      } else {
        log.error("originate of attempt {} failed ({} of {}); requeueing", command.attemptId(), failed, maxDeliveries,
            e);
        pause();
        channel.basicNack(tag, false, true);
      }
      return;
    }
    if (intake == SendingFaxes.Intake.RETRY_LATER) {
      pause();
      channel.basicNack(tag, false, true);
    } else {
      channel.basicAck(tag, false);
    }
  }

  private void park(Message message, String reason) {
    log.error("parking a {} message on {}: {}", OriginateFax.TYPE, parkingQueue, reason);
    message.getMessageProperties().setHeader("x-parked-reason", reason);
    template.send("", parkingQueue, message);
  }

  private static void pause() {
    try {
      Thread.sleep(REQUEUE_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
