package org.faxserver.api.tenant;

import org.faxserver.api.outbox.DirectoryEvents;
import org.faxserver.api.shared.model.ConflictException;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.api.tenant.model.Tenant;
import org.faxserver.api.tenant.model.TenantDraft;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Tenant use cases; each change and its outbox event commit together. */
@Service
public class TenantService {
    private final TenantRepository repo;
    private final DirectoryEvents events;
    private final TransactionalOperator tx;

    TenantService(TenantRepository repo, DirectoryEvents events, TransactionalOperator tx) {
        this.repo = repo;
        this.events = events;
        this.tx = tx;
    }

    public Mono<Tenant> create(TenantDraft draft) {
        return repo.insert(draft)
                .flatMap(t -> events.record(DirectoryChanged.created(DirectoryEntity.TENANT, id(t))).thenReturn(t))
                .as(tx::transactional);
    }

    public Mono<Tenant> update(long id, TenantDraft draft) {
        return repo.update(id, draft)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant", id)))
                .flatMap(t -> events.record(DirectoryChanged.updated(DirectoryEntity.TENANT, id(t))).thenReturn(t))
                .as(tx::transactional);
    }

    /**
     * Deletes a tenant with its users and endpoints; refused while it still has numbers, because
     * deleting a number changes call routing and should be a deliberate, separate step.
     */
    public Mono<Void> delete(long id) {
        return repo.findForUpdate(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant", id)))
                .flatMap(t -> repo.countNumbers(id))
                .flatMap(n -> n > 0
                        ? Mono.error(new ConflictException("tenant " + id + " still has " + n
                                + " number(s); delete or move them first"))
                        : repo.delete(id))
                .then(events.record(DirectoryChanged.deleted(DirectoryEntity.TENANT, String.valueOf(id))))
                .as(tx::transactional);
    }

    public Mono<Tenant> get(long id) {
        return repo.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("tenant", id)));
    }

    public Mono<Page<Tenant>> list(PageRequest page) {
        return Mono.zip(repo.list(page).collectList(), repo.count())
                .map(t -> new Page<>(t.getT1(), page.page(), page.size(), t.getT2()));
    }

    private static String id(Tenant t) {
        return String.valueOf(t.id());
    }
}
