package org.faxserver.notifier.delivery.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.notifier.channel.DeliveryChannel;
import org.faxserver.notifier.delivery.adapter.DeliveryRepository;
import org.faxserver.notifier.delivery.model.DeliveryRules;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.NextStep;
import org.faxserver.notifier.delivery.model.Purpose;
import org.faxserver.notifier.delivery.model.TryOutcome;
import org.faxserver.notifier.email.EmailChannel;
import org.faxserver.observability.FaxMetrics;
import org.faxserver.support.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Claims due deliveries, tries each through its channel on the worker pool, and records the outcome
 * with {@link DeliveryRules}. When a document delivery is over (delivered or dead-lettered) its
 * {@code delivery.finished} goes into the outbox in the same transaction, once.
 */
public final class RunningDeliveries {

  private static final Logger log = LoggerFactory.getLogger(RunningDeliveries.class);
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

  private final DeliveryRepository deliveries;
  private final Map<String, DeliveryChannel> channels;
  private final DeliveryRules rules;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Duration lease;
  private final FaxMetrics metrics;
  private final Clock clock;

  public RunningDeliveries(DeliveryRepository deliveries, List<DeliveryChannel> channels, DeliveryRules rules,
      Outbox outbox, TransactionalOperator tx, Duration lease, FaxMetrics metrics, Clock clock) {
    this.deliveries = deliveries;
    this.channels = channels.stream().collect(Collectors.toMap(DeliveryChannel::name, Function.identity()));
    this.rules = rules;
    this.outbox = outbox;
    this.tx = tx;
    this.lease = lease;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Claims up to {@code limit} due deliveries and tries them on {@code pool}; returns how many. */
  public int runDue(int limit, ExecutorService pool) throws InterruptedException {
    List<DeliveryRepository.Claimed> claimed = deliveries.claim(limit, lease).collectList().block(DB_TIMEOUT);
    if (claimed == null || claimed.isEmpty()) {
      return 0;
    }
    List<Callable<Void>> work = claimed.stream().<Callable<Void>>map(c -> () -> {
      runOne(c);
      return null;
    }).toList();
    pool.invokeAll(work);
    return claimed.size();
  }

  void runOne(DeliveryRepository.Claimed claimed) {
    DeliveryTask task = claimed.task();
    Instant started = clock.instant();
    TryOutcome outcome = attempt(task);
    Instant ended = clock.instant();
    NextStep next = rules.next(task.purpose(), outcome, claimed.tries(), ended);
    try {
      if (Boolean.TRUE.equals(record(claimed, outcome, next, started, ended).block(DB_TIMEOUT))) {
        metrics.deliveryTried(task.channel(), task.purpose().name().toLowerCase(Locale.ROOT),
            next instanceof NextStep.Delivered ? "delivered" : next instanceof NextStep.RetryAt ? "retry" : "dead");
      }
      // Targets (addresses, URLs with tokens) stay out of the log; notify.delivery_view has them.
      log.info("delivery {} ({} {}, job {}) try {}: {} -> {}", task.id(), task.purpose(), task.channel(),
          task.notice().jobId(), claimed.totalTries(), outcome.success() ? "delivered" : outcome.detail(), next);
    } catch (RuntimeException e) {
      // Not recorded: the lease runs out and the delivery is tried again (receivers de-duplicate on the id).
      log.warn("delivery {}: could not record try {}: {}", task.id(), claimed.totalTries(), e.toString());
    }
  }

  private TryOutcome attempt(DeliveryTask task) {
    DeliveryChannel channel = channels.get(task.channel());
    if (channel == null) {
      return TryOutcome.transientFailure(null, "no channel '" + task.channel() + "' in this instance");
    }
    try {
      return Objects.requireNonNull(channel.deliver(task), "channel returned no outcome");
    } catch (RuntimeException e) {
      log.warn("delivery {}: channel {} failed unexpectedly", task.id(), task.channel(), e);
      return TryOutcome.transientFailure(null, "unexpected: " + e);
    }
  }

  /** Records the try (and a document delivery's end, once); false when this worker's claim was lost meanwhile. */
  private Mono<Boolean> record(DeliveryRepository.Claimed claimed, TryOutcome outcome, NextStep next, Instant started,
      Instant ended) {
    DeliveryTask task = claimed.task();
    Mono<Boolean> work = deliveries.finishTry(claimed, outcome, next, started, ended)
        .filter(Boolean::booleanValue)
        .flatMap(recorded -> reportEnd(task, outcome, next).thenReturn(true))
        .defaultIfEmpty(false);
    return tx.transactional(work);
  }

  private Mono<Void> reportEnd(DeliveryTask task, TryOutcome outcome, NextStep next) {
    if (task.purpose() != Purpose.DOCUMENT || next instanceof NextStep.RetryAt) {
      return Mono.empty();
    }
    return deliveries.markReported(task.id())
        .filter(Boolean::booleanValue)
        .flatMap(first -> outbox.append(Exchanges.FAX_EVENTS, RoutingKeys.DELIVERY_FINISHED, finished(task, outcome)));
  }

  private Envelope<DeliveryFinished> finished(DeliveryTask task, TryOutcome outcome) {
    EndpointKind kind = EmailChannel.NAME.equals(task.channel()) ? EndpointKind.EMAIL : EndpointKind.WEBHOOK;
    DeliveryFinished payload = outcome.success()
        ? DeliveryFinished.delivered(task.attemptId(), task.notice().jobId(), task.endpointId(), kind,
            outcome.httpStatus())
        : DeliveryFinished.failed(task.attemptId(), task.notice().jobId(), task.endpointId(), kind,
            outcome.retryable(), outcome.httpStatus(), outcome.detail());
    // Derived id: recording the same end twice would publish the same message (decision 0005).
    java.util.UUID id = java.util.UUID.nameUUIDFromBytes(("delivery.finished:" + task.id())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new Envelope<>(id, DeliveryFinished.TYPE, DeliveryFinished.VERSION, clock.instant(),
        task.notice().jobId().toString(), payload);
  }
}
