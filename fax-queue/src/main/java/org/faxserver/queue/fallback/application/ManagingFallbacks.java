package org.faxserver.queue.fallback.application;

import java.time.Clock;
import java.time.Instant;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.support.Outbox;
import org.faxserver.support.ProcessedMessages;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The softmodem fallback list: learned from failed faxes, set and removed by admins. Every change is
 * published as {@code fallback.changed} so each esl-gateway mirrors it into its FreeSWITCH's mod_db.
 */
public final class ManagingFallbacks {

  private final FallbackStore store;
  private final Outbox outbox;
  private final ProcessedMessages processed;
  private final TransactionalOperator tx;
  private final Clock clock;

  public ManagingFallbacks(FallbackStore store, Outbox outbox, ProcessedMessages processed,
      TransactionalOperator tx, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.processed = processed;
    this.tx = tx;
    this.clock = clock;
  }

  /** Learns a number within the caller's transaction; an already listed number keeps its time. */
  public Mono<Void> learn(PhoneNumber number) {
    Instant now = clock.instant();
    return store.add(number.e164(), now.getEpochSecond(), "learned", false)
        .filter(Boolean::booleanValue)
        .flatMap(added -> changed(FallbackChange.listed(number, now)));
  }

  /** {@code fallback.set}. */
  public Mono<Void> set(Envelope<FallbackChange> envelope) {
    FallbackChange change = envelope.payload();
    Instant since = change.since() != null ? change.since() : clock.instant();
    return tx.transactional(processed.firstTime(envelope.messageId()).filter(Boolean::booleanValue)
        .flatMap(first -> store.add(change.number().e164(), since.getEpochSecond(), "admin", true))
        .filter(Boolean::booleanValue)
        .flatMap(added -> changed(FallbackChange.listed(change.number(), since))));
  }

  /** {@code fallback.remove}. */
  public Mono<Void> remove(Envelope<FallbackChange> envelope) {
    FallbackChange change = envelope.payload();
    return tx.transactional(processed.firstTime(envelope.messageId()).filter(Boolean::booleanValue)
        .flatMap(first -> store.remove(change.number().e164()))
        .filter(Boolean::booleanValue)
        .flatMap(removed -> changed(FallbackChange.removed(change.number()))));
  }

  private Mono<Void> changed(FallbackChange change) {
    return outbox.append(Exchanges.FAX_EVENTS, FallbackChange.CHANGED_TYPE,
        Envelope.of(FallbackChange.CHANGED_TYPE, FallbackChange.VERSION, null, change, clock));
  }
}
