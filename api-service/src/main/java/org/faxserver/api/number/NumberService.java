package org.faxserver.api.number;

import java.util.function.Function;

import org.faxserver.api.number.model.NumberDraft;
import org.faxserver.api.number.model.TenantNumber;
import org.faxserver.api.outbox.DirectoryEvents;
import org.faxserver.api.shared.db.DirectoryLookups;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Tenant number use cases; each change and its outbox event commit together. */
@Service
public class NumberService {
    private final NumberRepository repo;
    private final DirectoryLookups lookups;
    private final DirectoryEvents events;
    private final TransactionalOperator tx;

    NumberService(NumberRepository repo, DirectoryLookups lookups, DirectoryEvents events, TransactionalOperator tx) {
        this.repo = repo;
        this.lookups = lookups;
        this.events = events;
        this.tx = tx;
    }

    public Mono<TenantNumber> create(NumberDraft draft) {
        return lookups.requireTenant("tenant_id", draft.tenantId())
                .then(repo.insert(draft))
                .onErrorMap(duplicate(draft))
                .flatMap(n -> events.record(DirectoryChanged.created(DirectoryEntity.NUMBER, id(n))).thenReturn(n))
                .as(tx::transactional);
    }

    public Mono<TenantNumber> update(long id, NumberDraft draft) {
        return lookups.requireTenant("tenant_id", draft.tenantId())
                .then(repo.update(id, draft))
                .onErrorMap(duplicate(draft))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("number", id)))
                .flatMap(n -> events.record(DirectoryChanged.updated(DirectoryEntity.NUMBER, id(n)))
                        .thenMany(repo.moveEndpointsToTenant(n.id(), n.tenantId()))
                        .concatMap(endpointId -> events.record(
                                DirectoryChanged.updated(DirectoryEntity.ENDPOINT, String.valueOf(endpointId))))
                        .then(Mono.just(n)))
                .as(tx::transactional);
    }

    /** Deletes the number and its number-scoped endpoints (cascade). */
    public Mono<Void> delete(long id) {
        return repo.delete(id)
                .filter(n -> n > 0)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("number", id)))
                .then(events.record(DirectoryChanged.deleted(DirectoryEntity.NUMBER, String.valueOf(id))))
                .as(tx::transactional);
    }

    /** The seed's {@code DELETE /admin/number?number=&tenant_id=}: only deletes the number if it is that tenant's. */
    public Mono<Void> delete(String e164, long tenantId) {
        return repo.findByNumber(e164)
                .filter(n -> n.tenantId() == tenantId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("number " + e164 + " of tenant", tenantId)))
                .flatMap(n -> delete(n.id()));
    }

    public Mono<TenantNumber> get(long id) {
        return repo.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("number", id)));
    }

    public Mono<Page<TenantNumber>> list(Long tenantId, PageRequest page) {
        return Mono.zip(repo.list(tenantId, page).collectList(), repo.count(tenantId))
                .map(t -> new Page<>(t.getT1(), page.page(), page.size(), t.getT2()));
    }

    private static Function<Throwable, Throwable> duplicate(NumberDraft d) {
        return Rows.conflicts(NumberRepository.UNIQUE_NUMBER, "number " + d.number() + " already exists");
    }

    private static String id(TenantNumber n) {
        return String.valueOf(n.id());
    }
}
