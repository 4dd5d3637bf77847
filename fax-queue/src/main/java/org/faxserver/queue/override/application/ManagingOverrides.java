package org.faxserver.queue.override.application;

import java.time.Clock;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.support.Outbox;
import org.faxserver.support.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Per-destination dial overrides: stored from {@code override.set}/{@code override.remove}, put into
 * every {@code fax.originate} to that destination, and published as {@code override.changed}.
 */
public final class ManagingOverrides {

  private static final Logger log = LoggerFactory.getLogger(ManagingOverrides.class);

  private final OverrideStore store;
  private final Outbox outbox;
  private final ProcessedMessages processed;
  private final TransactionalOperator tx;
  private final Clock clock;

  public ManagingOverrides(OverrideStore store, Outbox outbox, ProcessedMessages processed,
      TransactionalOperator tx, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.processed = processed;
    this.tx = tx;
    this.clock = clock;
  }

  /** {@code override.set} (the message itself only carries overrides {@code DialOverridePolicy} allows). */
  public Mono<Void> set(Envelope<OverrideChange> envelope) {
    OverrideChange change = envelope.payload();
    if (change.isRemoval()) {
      log.warn("override.set {} refused: no value for {}", envelope.messageId(), change.variable());
      return Mono.empty();
    }
    return tx.transactional(processed.firstTime(envelope.messageId()).filter(Boolean::booleanValue)
        .flatMap(first -> store.put(change.destination().e164(), change.variable(), change.value())
            .then(changed(change))));
  }

  /** {@code override.remove}. */
  public Mono<Void> remove(Envelope<OverrideChange> envelope) {
    OverrideChange change = envelope.payload();
    return tx.transactional(processed.firstTime(envelope.messageId()).filter(Boolean::booleanValue)
        .flatMap(first -> store.remove(change.destination().e164(), change.variable()))
        .filter(Boolean::booleanValue)
        .flatMap(removed -> changed(new OverrideChange(change.destination(), change.variable(), null))));
  }

  private Mono<Void> changed(OverrideChange change) {
    return outbox.append(Exchanges.FAX_EVENTS, OverrideChange.CHANGED_TYPE,
        Envelope.of(OverrideChange.CHANGED_TYPE, OverrideChange.VERSION, null, change, clock));
  }
}
