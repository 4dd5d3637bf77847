package org.faxserver.api.fallback;

import org.faxserver.api.fallback.model.DialOverride;
import org.faxserver.api.fallback.model.FallbackEntry;
import org.faxserver.api.fallback.model.OverrideEntry;
import org.faxserver.api.outbox.OutboxWriter;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Admin changes to the softmodem fallback list and dial overrides. fax-queue owns both (decision
 * 0004), so a change is a command on {@code fax.commands} written through the outbox; fax-queue
 * stores it and tells every esl-gateway ({@code fallback.changed} / {@code override.changed}).
 * Reads come from fax-queue's tables and show a change once fax-queue has applied it.
 */
@Service
class DialControl {
    /** What a change answers: the commands are applied by fax-queue, so the lists show them afterwards. */
    static final String ACCEPTED = "Accepted: the command is queued for fax-queue, which applies it "
            + "(the list shows it once applied)";

    private final OutboxWriter outbox;
    private final DialControlReadRepository reads;
    private final TransactionalOperator tx;

    DialControl(OutboxWriter outbox, DialControlReadRepository reads, TransactionalOperator tx) {
        this.outbox = outbox;
        this.reads = reads;
        this.tx = tx;
    }

    /** {@code fallback.set}; the time on the list is left to fax-queue (it stamps its own clock). */
    Mono<Envelope<FallbackChange>> listFallback(PhoneNumber number) {
        return command(RoutingKeys.FALLBACK_SET, FallbackChange.VERSION, FallbackChange.listed(number, null));
    }

    Mono<Envelope<FallbackChange>> unlistFallback(PhoneNumber number) {
        return command(RoutingKeys.FALLBACK_REMOVE, FallbackChange.VERSION, FallbackChange.removed(number));
    }

    Mono<Envelope<OverrideChange>> setOverride(DialOverride o) {
        return command(RoutingKeys.OVERRIDE_SET, OverrideChange.VERSION,
                new OverrideChange(o.destination(), o.variable(), o.value()));
    }

    Mono<Envelope<OverrideChange>> removeOverride(DialOverride o) {
        return command(RoutingKeys.OVERRIDE_REMOVE, OverrideChange.VERSION,
                new OverrideChange(o.destination(), o.variable(), null));
    }

    Mono<Page<FallbackEntry>> fallbacks(String numberOrNull, PageRequest page) {
        return Mono.zip(reads.fallbacks(numberOrNull, page).collectList(), reads.countFallbacks(numberOrNull))
                .map(t -> new Page<>(t.getT1(), page.page(), page.size(), t.getT2()));
    }

    Mono<Page<OverrideEntry>> overrides(String destinationOrNull, PageRequest page) {
        return Mono.zip(reads.overrides(destinationOrNull, page).collectList(), reads.countOverrides(destinationOrNull))
                .map(t -> new Page<>(t.getT1(), page.page(), page.size(), t.getT2()));
    }

    /** fax-queue binds each command on fax.commands under its type (decision 0004). */
    private <T> Mono<Envelope<T>> command(String type, int version, T payload) {
        return outbox.append(Exchanges.FAX_COMMANDS, type, type, version, null, payload).as(tx::transactional);
    }
}
