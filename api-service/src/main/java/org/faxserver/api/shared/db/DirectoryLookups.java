package org.faxserver.api.shared.db;

import org.faxserver.api.shared.model.InvalidInputException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Existence checks for ids referenced from a request body. A missing referenced row is a client
 * error in the body (400 naming the field), unlike a missing row in the path (404). The row is
 * locked FOR KEY SHARE so it cannot be deleted before the referencing row is written.
 */
@Component
public class DirectoryLookups {
    private final DatabaseClient db;

    public DirectoryLookups(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> requireTenant(String field, long tenantId) {
        return db.sql("SELECT id FROM directory.tenant WHERE id = :id FOR KEY SHARE")
                .bind("id", tenantId).map(r -> r.get("id", Long.class)).one()
                .switchIfEmpty(Mono.error(() -> InvalidInputException.of(field, "tenant " + tenantId + " does not exist")))
                .then();
    }

    /** Returns the tenant owning the number. */
    public Mono<Long> requireNumber(String field, long numberId) {
        return db.sql("SELECT tenant_id FROM directory.tenant_number WHERE id = :id FOR KEY SHARE")
                .bind("id", numberId).map(r -> r.get("tenant_id", Long.class)).one()
                .switchIfEmpty(Mono.error(() -> InvalidInputException.of(field, "number " + numberId + " does not exist")));
    }
}
