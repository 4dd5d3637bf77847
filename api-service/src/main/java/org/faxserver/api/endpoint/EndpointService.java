package org.faxserver.api.endpoint;

import java.util.Optional;

import org.faxserver.api.endpoint.model.Endpoint;
import org.faxserver.api.endpoint.model.EndpointDraft;
import org.faxserver.api.endpoint.model.EndpointScope;
import org.faxserver.api.outbox.DirectoryEvents;
import org.faxserver.api.shared.db.DirectoryLookups;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Endpoint use cases. Unlike the seed, global endpoints are handled like the others (the seed stored
 * them and then answered 500), and a referenced tenant or number must exist.
 */
@Service
public class EndpointService {
    private final EndpointRepository repo;
    private final DirectoryLookups lookups;
    private final DirectoryEvents events;
    private final TransactionalOperator tx;

    EndpointService(EndpointRepository repo, DirectoryLookups lookups, DirectoryEvents events,
                    TransactionalOperator tx) {
        this.repo = repo;
        this.lookups = lookups;
        this.events = events;
        this.tx = tx;
    }

    public Mono<Endpoint> create(EndpointDraft d) {
        return owningTenant(d)
                .flatMap(tenant -> repo.insert(d, tenant.orElse(null)))
                .flatMap(e -> events.record(DirectoryChanged.created(DirectoryEntity.ENDPOINT, id(e))).thenReturn(e))
                .as(tx::transactional);
    }

    public Mono<Endpoint> update(long id, EndpointDraft d) {
        return owningTenant(d)
                .flatMap(tenant -> repo.update(id, d, tenant.orElse(null)))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("endpoint", id)))
                .flatMap(e -> events.record(DirectoryChanged.updated(DirectoryEntity.ENDPOINT, id(e))).thenReturn(e))
                .as(tx::transactional);
    }

    public Mono<Void> delete(long id) {
        return repo.delete(id)
                .filter(n -> n > 0)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("endpoint", id)))
                .then(events.record(DirectoryChanged.deleted(DirectoryEntity.ENDPOINT, String.valueOf(id))))
                .as(tx::transactional);
    }

    public Mono<Endpoint> get(long id) {
        return repo.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("endpoint", id)));
    }

    public Mono<Page<Endpoint>> list(Long tenantId, EndpointScope scope, PageRequest page) {
        return Mono.zip(repo.list(tenantId, scope, page).collectList(), repo.count(tenantId, scope))
                .map(t -> new Page<>(t.getT1(), page.page(), page.size(), t.getT2()));
    }

    /** The tenant the endpoint belongs to (none for GLOBAL), checking the referenced row exists. */
    private Mono<Optional<Long>> owningTenant(EndpointDraft d) {
        return switch (d.scope()) {
            case GLOBAL -> Mono.just(Optional.empty());
            case TENANT -> lookups.requireTenant("tenant_id", d.tenantId()).thenReturn(Optional.of(d.tenantId()));
            case NUMBER -> lookups.requireNumber("number_id", d.numberId()).map(Optional::of);
        };
    }

    private static String id(Endpoint e) {
        return String.valueOf(e.id());
    }
}
