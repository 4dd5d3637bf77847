package org.faxserver.notifier.delivery.application;

import java.util.Optional;
import java.util.UUID;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.notifier.delivery.adapter.DeliveryRepository;
import org.faxserver.notifier.delivery.model.FaxNotice;
import org.faxserver.notifier.delivery.model.Notices;
import org.faxserver.notifier.directory.NotifyDirectory;
import org.faxserver.notifier.receipt.model.ReceiptPlanner;
import org.faxserver.support.CachedSnapshot;
import org.faxserver.support.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Receipts: {@code job.completed} (sent faxes, and received faxes once their delivery job is over)
 * and failed receptions from {@code inbound.received}. The tenant's and number's notify strings come
 * from the cached directory; the deliveries are stored in the same transaction as the message id.
 * The job's document (email_full attaches it) comes with {@code job.completed}. Only a
 * {@code job.completed} without one (from a fax-queue older than {@code JobCompleted.document}, still
 * in flight or during a rolling upgrade) falls back to the ref remembered from {@code job.routed}.
 */
public final class PlanningReceipts {

  private static final Logger log = LoggerFactory.getLogger(PlanningReceipts.class);

  private final ReceiptPlanner planner;
  private final CachedSnapshot<NotifyDirectory> directory;
  private final DeliveryRepository deliveries;
  private final ProcessedMessages processed;
  private final TransactionalOperator tx;

  public PlanningReceipts(ReceiptPlanner planner, CachedSnapshot<NotifyDirectory> directory, DeliveryRepository deliveries,
      ProcessedMessages processed, TransactionalOperator tx) {
    this.planner = planner;
    this.directory = directory;
    this.deliveries = deliveries;
    this.processed = processed;
    this.tx = tx;
  }

  /**
   * Remembers the routed job's document for a later {@code job.completed} that does not carry it (older
   * producers). Goes once every fax-queue sets {@code JobCompleted.document} and the retention has passed.
   */
  public Mono<Void> jobRouted(Envelope<JobRouted> envelope) {
    JobRouted job = envelope.payload();
    return job.document() == null ? Mono.empty() : deliveries.rememberDocument(job.jobId(), job.document());
  }

  public Mono<Void> jobCompleted(Envelope<JobCompleted> envelope) {
    JobCompleted job = envelope.payload();
    // The directory is read before the transaction: its snapshot has its own read-only transaction.
    return directory.current().flatMap(dir -> documentOf(job).flatMap(document -> {
      Notices.Destination destination = dir.ownerOf(job.to().e164())
          .map(owner -> owner.equals(job.tenantId()) ? Notices.Destination.OWN_NUMBER
              : Notices.Destination.ANOTHER_TENANTS_NUMBER)
          .orElse(Notices.Destination.ELSEWHERE);
      FaxNotice notice = Notices.completed(job, destination, document.orElse(null), envelope.occurredAt());
      return plan(envelope.messageId(), notice, dir);
    }));
  }

  /** The message's own document; the remembered {@code job.routed} ref only when the message has none. */
  private Mono<Optional<DocumentRef>> documentOf(JobCompleted job) {
    return job.document() != null ? Mono.just(Optional.of(job.document())) : deliveries.document(job.jobId());
  }

  public Mono<Void> inboundReceived(Envelope<InboundReceived> envelope) {
    InboundReceived call = envelope.payload();
    if (call.result().success()) {
      return Mono.empty(); // its receipt follows when the delivery job completes
    }
    return directory.current().flatMap(dir ->
        plan(envelope.messageId(), Notices.receptionFailed(call, envelope.occurredAt()), dir));
  }

  private Mono<Void> plan(UUID messageId, FaxNotice notice, NotifyDirectory dir) {
    PhoneNumber number = Notices.receiptNumber(notice);
    String numberNotify = Optional.ofNullable(number)
        .flatMap(n -> dir.number(notice.tenantId(), n.e164()))
        .map(NotifyDirectory.Number::notifySpec).orElse(null);
    ReceiptPlanner.Plan plan = planner.plan(notice, dir.tenantNotify(notice.tenantId()), numberNotify);
    plan.ignored().forEach(why -> log.warn("tenant {}: notify setting skipped for {}: {}", notice.tenantId(),
        notice.jobId(), why));
    return tx.transactional(processed.firstTime(messageId)
        .filter(Boolean::booleanValue)
        .flatMap(first -> Flux.fromIterable(plan.tasks()).concatMap(deliveries::insert).then(Mono.just(true))))
        .doOnNext(x -> {
          if (!plan.tasks().isEmpty()) {
            log.info("{} receipt(s) for {} {}", plan.tasks().size(), notice.event().wireName(), notice.jobId());
          }
        })
        .then();
  }

}
