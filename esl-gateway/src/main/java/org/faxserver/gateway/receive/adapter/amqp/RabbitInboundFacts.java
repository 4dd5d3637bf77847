package org.faxserver.gateway.receive.adapter.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.faxserver.gateway.adapter.amqp.ConfirmedPublisher;
import org.faxserver.gateway.receive.application.InboundFacts;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
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

  private final ConfirmedPublisher publisher;
  private final Clock clock;
  private final String receivedKey;
  private final String fallbackKey;

  /**
   * @param receivedKey {@code inbound.received} (a test's own key isolates it on a shared broker)
   * @param fallbackKey {@code fallback.set} (likewise)
   */
  public RabbitInboundFacts(RabbitTemplate template, Clock clock, Duration confirmTimeout, Duration retryDelay,
      String receivedKey, String fallbackKey) {
    this.publisher = new ConfirmedPublisher(template, confirmTimeout, retryDelay, "inbound-facts");
    this.clock = clock;
    this.receivedKey = receivedKey;
    this.fallbackKey = fallbackKey;
  }

  @Override
  public void received(InboundReceived received) {
    Envelope<InboundReceived> envelope = new Envelope<>(
        UUID.nameUUIDFromBytes(("inbound.received:" + received.callId()).getBytes(StandardCharsets.UTF_8)),
        InboundReceived.TYPE, InboundReceived.VERSION, clock.instant(), received.callId().toString(), received);
    publisher.publishUntilConfirmed(Exchanges.FAX_EVENTS, receivedKey, ConfirmedPublisher.message(envelope),
        "inbound.received for call " + received.callId());
  }

  @Override
  public void fallbackLearned(PhoneNumber number, long unixTime) {
    FallbackChange change = FallbackChange.listed(number, Instant.ofEpochSecond(unixTime));
    Envelope<FallbackChange> envelope = Envelope.of(FallbackChange.SET_TYPE, FallbackChange.VERSION, null, change,
        clock);
    publisher.publishUntilConfirmed(Exchanges.FAX_COMMANDS, fallbackKey, ConfirmedPublisher.message(envelope),
        "fallback.set for " + number);
  }

  /** Lets queued facts go out (up to 10 s), then stops retrying. */
  @Override
  public void destroy() throws InterruptedException {
    publisher.destroy();
  }
}
