package org.faxserver.api.user;

import java.util.Optional;
import java.util.function.Function;

import org.faxserver.api.auth.PasswordHasher;
import org.faxserver.api.auth.model.ApiKeys;
import org.faxserver.api.outbox.DirectoryEvents;
import org.faxserver.api.shared.db.DirectoryLookups;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.api.user.model.TenantUser;
import org.faxserver.api.user.model.UserDraft;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Tenant user use cases. Passwords are stored as bcrypt hashes, API keys as SHA-256 hashes. */
@Service
public class UserService {

    /** A created user with its API key in clear: the only time the key is ever shown. */
    public record CreatedUser(TenantUser user, String apiKey) {
        @Override
        public String toString() {
            return "CreatedUser[" + user + "]";
        }
    }

    private final UserRepository repo;
    private final DirectoryLookups lookups;
    private final PasswordHasher hasher;
    private final DirectoryEvents events;
    private final TransactionalOperator tx;

    UserService(UserRepository repo, DirectoryLookups lookups, PasswordHasher hasher, DirectoryEvents events,
                TransactionalOperator tx) {
        this.repo = repo;
        this.lookups = lookups;
        this.hasher = hasher;
        this.events = events;
        this.tx = tx;
    }

    public Mono<CreatedUser> create(UserDraft d) {
        String apiKey = ApiKeys.generate();
        // Hash before opening the transaction: bcrypt takes a while and should not hold a connection.
        return hasher.hash(d.password())
                .flatMap(hash -> lookups.requireTenant("tenant_id", d.tenantId())
                        .then(repo.insert(d.tenantId(), d.username(), hash, ApiKeys.hash(apiKey)))
                        .onErrorMap(duplicate(d))
                        .flatMap(u -> events.record(DirectoryChanged.created(DirectoryEntity.USER, id(u))).thenReturn(u))
                        .as(tx::transactional))
                .map(u -> new CreatedUser(u, apiKey));
    }

    /**
     * Updates in place (the seed's PUT created a duplicate user). The password changes only if given.
     * Moving the user to another tenant or giving a password revokes its API key; the user gets a new
     * one from {@code POST /tenant/user/authenticate}.
     */
    public Mono<TenantUser> update(long id, UserDraft d) {
        Mono<String> hash = d.password() == null ? Mono.empty() : hasher.hash(d.password());
        return hash.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(h -> lookups.requireTenant("tenant_id", d.tenantId())
                        .then(repo.update(id, d.tenantId(), d.username(), h.orElse(null)))
                        .onErrorMap(duplicate(d))
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("user", id)))
                        .flatMap(u -> events.record(DirectoryChanged.updated(DirectoryEntity.USER, id(u))).thenReturn(u))
                        .as(tx::transactional));
    }

    public Mono<Void> delete(long id) {
        return repo.delete(id)
                .filter(n -> n > 0)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("user", id)))
                .then(events.record(DirectoryChanged.deleted(DirectoryEntity.USER, String.valueOf(id))))
                .as(tx::transactional);
    }

    public Mono<TenantUser> get(long id) {
        return repo.find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("user", id)));
    }

    public Mono<Page<TenantUser>> list(Long tenantId, PageRequest page) {
        return Mono.zip(repo.list(tenantId, page).collectList(), repo.count(tenantId))
                .map(t -> new Page<>(t.getT1(), page.page(), page.size(), t.getT2()));
    }

    private static Function<Throwable, Throwable> duplicate(UserDraft d) {
        return Rows.conflicts(UserRepository.UNIQUE_USERNAME, "username " + d.username() + " already exists");
    }

    private static String id(TenantUser u) {
        return String.valueOf(u.id());
    }
}
