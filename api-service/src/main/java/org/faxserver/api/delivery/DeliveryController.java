package org.faxserver.api.delivery;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.outbox.OutboxWriter;
import org.faxserver.api.shared.model.ConflictException;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.web.AdminApi;
import org.faxserver.api.web.Paging;
import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Webhook and email deliveries (fax documents and receipts) as notifier-service reports them, and
 * redelivery of dead letters. notifier-service owns them: a redelivery is a {@code delivery.redeliver}
 * command through the outbox, and the status shows the outcome once notifier-service has tried.
 */
@RestController
@Tag(name = "admin: deliveries")
@AdminApi
class DeliveryController {
    record RedeliveryAccepted(UUID deliveryId, UUID messageId, String message) {
    }

    private final DeliveryReadRepository deliveries;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final Paging paging;

    DeliveryController(DeliveryReadRepository deliveries, OutboxWriter outbox, TransactionalOperator tx, Paging paging) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.tx = tx;
        this.paging = paging;
    }

    @GetMapping("/admin/delivery")
    @Operation(summary = "Deliveries, newest first; status=DEAD lists the dead letters")
    Mono<Page<DeliveryView>> list(@RequestParam(required = false) String status,
                                  @RequestParam(name = "tenant_id", required = false) Long tenantId,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> DeliveryReadRepository.Filter.of(status, tenantId))
                .zipWith(Mono.fromCallable(() -> paging.of(page, size)))
                .flatMap(t -> Mono.zip(deliveries.list(t.getT1(), t.getT2()).collectList(), deliveries.count(t.getT1()))
                        .map(r -> new Page<>(r.getT1(), t.getT2().page(), t.getT2().size(), r.getT2())));
    }

    @GetMapping("/admin/delivery/{id}")
    @Operation(summary = "One delivery")
    Mono<DeliveryView> get(@PathVariable UUID id) {
        return deliveries.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("delivery", id)));
    }

    @PostMapping("/admin/delivery/{id}/redeliver")
    @Operation(summary = "Try a dead-lettered delivery again with a fresh retry schedule (202; 409 unless DEAD)")
    Mono<ResponseEntity<RedeliveryAccepted>> redeliver(@PathVariable UUID id) {
        return get(id)
                .flatMap(d -> {
                    if (!DeliveryView.DEAD.equals(d.status())) {
                        return Mono.error(new ConflictException("delivery " + id + " is " + d.status()
                                + "; only dead-lettered deliveries can be redelivered"));
                    }
                    return outbox.append(Exchanges.FAX_COMMANDS, RoutingKeys.DELIVERY_REDELIVER, DeliveryRedeliver.TYPE,
                                    DeliveryRedeliver.VERSION, d.jobId() == null ? null : d.jobId().toString(),
                                    new DeliveryRedeliver(id, "admin"))
                            .as(tx::transactional);
                })
                .map(envelope -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new RedeliveryAccepted(id,
                        envelope.messageId(), "redelivery requested; notifier-service will try again")));
    }
}
