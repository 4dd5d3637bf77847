package org.faxserver.gateway.receive.adapter.amqp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.gateway.adapter.amqp.ConfirmedPublisher;
import org.faxserver.gateway.receive.adapter.document.PendingReceptions;
import org.faxserver.gateway.receive.application.InboundFacts;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Publishes {@code inbound.received} (to {@code fax.events}) and {@code fallback.set} (to
 * {@code fax.commands}, where fax-queue keeps the shared list and tells every gateway) with publisher
 * confirms, on a thread of its own, retried until confirmed: a received fax must not be lost between
 * FreeSWITCH and the router. The message id of {@code inbound.received} is derived from the call id,
 * so a retry after an unconfirmed publish is recognisably the same message.
 *
 * <p>{@code inbound.received} also survives a crash of the gateway: before it is handed to the
 * publisher its envelope is written durably ({@link PendingReceptions}), and the record is deleted
 * only after the broker confirmed the message. At start-up every leftover record is re-published
 * (retried until the broker is reachable and confirms, then deleted); the same message id makes that
 * idempotent downstream. {@code fallback.set} stays in memory: losing one only delays learning.
 */
public final class RabbitInboundFacts implements InboundFacts, InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RabbitInboundFacts.class);

  private final ConfirmedPublisher publisher;
  private final PendingReceptions pending;
  private final Clock clock;
  private final String receivedKey;
  private final String fallbackKey;

  /**
   * @param receivedKey {@code inbound.received} (a test's own key isolates it on a shared broker)
   * @param fallbackKey {@code fallback.set} (likewise)
   */
  public RabbitInboundFacts(RabbitTemplate template, PendingReceptions pending, Clock clock, Duration confirmTimeout,
      Duration retryDelay, String receivedKey, String fallbackKey) {
    this.publisher = new ConfirmedPublisher(template, confirmTimeout, retryDelay, "inbound-facts");
    this.pending = Objects.requireNonNull(pending, "pending");
    this.clock = clock;
    this.receivedKey = receivedKey;
    this.fallbackKey = fallbackKey;
  }

  @Override
  public void received(InboundReceived received) {
    Envelope<InboundReceived> envelope = new Envelope<>(
        UUID.nameUUIDFromBytes(("inbound.received:" + received.callId()).getBytes(StandardCharsets.UTF_8)),
        InboundReceived.TYPE, InboundReceived.VERSION, clock.instant(), received.callId().toString(), received);
    String what = "inbound.received for call " + received.callId();
    boolean saved;
    try {
      pending.save(received.callId(), MessageJson.write(envelope));
      saved = true;
    } catch (IOException | RuntimeException e) {
      // Still published (from memory); only a crash before the confirm would lose it now.
      log.error("{}: cannot write its pending record {} ({}); publishing without it", what,
          PendingReceptions.key(received.callId()), e.toString());
      saved = false;
    }
    Runnable onConfirmed = saved ? () -> deleteRecord(PendingReceptions.key(received.callId()), what) : () -> { };
    publisher.publishUntilConfirmed(Exchanges.FAX_EVENTS, receivedKey, ConfirmedPublisher.message(envelope), what,
        onConfirmed);
  }

  /** Start-up: re-publishes every {@code inbound.received} left unconfirmed by an earlier run. */
  @Override
  public void afterPropertiesSet() {
    republishLeftovers();
  }

  /**
   * Hands every leftover record to the publisher (retried until the broker confirms it, then the record
   * is deleted); returns how many. A record that is not a readable {@code inbound.received} is logged
   * and kept for an operator.
   */
  public int republishLeftovers() {
    List<PendingReceptions.Leftover> leftovers;
    try {
      leftovers = pending.leftovers();
    } catch (IOException | RuntimeException e) {
      log.error("Cannot list pending inbound.received records: {}", e.toString());
      return 0;
    }
    int count = 0;
    for (PendingReceptions.Leftover leftover : leftovers) {
      Envelope<InboundReceived> envelope;
      try {
        envelope = MessageJson.read(leftover.envelopeJson(), InboundReceived.class);
        if (!InboundReceived.TYPE.equals(envelope.type())) {
          throw new IllegalArgumentException("type is " + envelope.type());
        }
      } catch (RuntimeException e) {
        log.error("Pending record {} is not a readable inbound.received; kept: {}", leftover.key(), e.toString());
        continue;
      }
      String what = "inbound.received for call " + envelope.payload().callId() + " (re-published from "
          + leftover.key() + ")";
      log.warn("Re-publishing {}", what);
      publisher.publishUntilConfirmed(Exchanges.FAX_EVENTS, receivedKey, ConfirmedPublisher.message(envelope), what,
          () -> deleteRecord(leftover.key(), what));
      count++;
    }
    return count;
  }

  private void deleteRecord(String key, String what) {
    try {
      pending.deleteKey(key);
    } catch (IOException e) {
      // Re-published at the next start: a duplicate with the same message id, harmless.
      log.warn("{} confirmed, but its pending record {} could not be deleted: {}", what, key, e.toString());
    }
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
