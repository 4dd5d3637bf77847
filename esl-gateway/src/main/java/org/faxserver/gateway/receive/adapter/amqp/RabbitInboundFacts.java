package org.faxserver.gateway.receive.adapter.amqp;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.faxserver.gateway.receive.application.InboundFacts;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes {@code inbound.received} (to {@code fax.events}) and {@code fallback.set} (to
 * {@code fax.commands}, where fax-queue keeps the shared list and tells every gateway) with publisher
 * confirms, on a thread of its own, retried until confirmed: a received fax must not be lost between
 * FreeSWITCH and the router. The message id of {@code inbound.received} is derived from the call id,
 * so a retry after an unconfirmed publish is recognisably the same message.
 */
public final class RabbitInboundFacts implements InboundFacts, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RabbitInboundFacts.class);

  private final RabbitTemplate template;
  private final Clock clock;
  private final Duration confirmTimeout;
  private final Duration retryDelay;
  private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "inbound-facts");
    t.setDaemon(true);
    return t;
  });
  private final String receivedKey;
  private final String fallbackKey;
  private volatile boolean stopping;

  /**
   * @param receivedKey {@code inbound.received} (a test's own key isolates it on a shared broker)
   * @param fallbackKey {@code fallback.set} (likewise)
   */
  public RabbitInboundFacts(RabbitTemplate template, Clock clock, Duration confirmTimeout, Duration retryDelay,
      String receivedKey, String fallbackKey) {
    this.template = template;
    this.receivedKey = receivedKey;
    this.fallbackKey = fallbackKey;
    this.clock = clock;
    this.confirmTimeout = confirmTimeout;
    this.retryDelay = retryDelay;
  }

  @Override
  public void received(InboundReceived received) {
    Envelope<InboundReceived> envelope = new Envelope<>(
        java.util.UUID.nameUUIDFromBytes(("inbound.received:" + received.callId()).getBytes(
            java.nio.charset.StandardCharsets.UTF_8)),
        InboundReceived.TYPE, InboundReceived.VERSION, clock.instant(), received.callId().toString(), received);
    publishUntilConfirmed(Exchanges.FAX_EVENTS, receivedKey, message(envelope),
        "inbound.received for call " + received.callId());
  }

  @Override
  public void fallbackLearned(PhoneNumber number, long unixTime) {
    FallbackChange change = FallbackChange.listed(number, java.time.Instant.ofEpochSecond(unixTime));
    Envelope<FallbackChange> envelope = Envelope.of(FallbackChange.SET_TYPE, FallbackChange.VERSION, null, change,
        clock);
    publishUntilConfirmed(Exchanges.FAX_COMMANDS, fallbackKey, message(envelope),
        "fallback.set for " + number);
  }

  private void publishUntilConfirmed(String exchange, String key, Message message, String what) {
    publisher.execute(() -> {
      while (true) {
        try {
          template.invoke(ops -> {
            ops.send(exchange, key, message);
            ops.waitForConfirmsOrDie(confirmTimeout.toMillis());
            return null;
          });
          return;
        } catch (RuntimeException e) {
          if (stopping) {
            log.error("{} LOST at shutdown: {}", what, e.toString());
            return;
          }
          log.warn("{} not confirmed ({}); retrying in {}", what, e.toString(), retryDelay);
          try {
            Thread.sleep(retryDelay.toMillis());
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    });
  }

  private static Message message(Envelope<?> envelope) {
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
