package org.faxserver.api.tenant;

import io.r2dbc.spi.Readable;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.api.tenant.model.Tenant;
import org.faxserver.api.tenant.model.TenantDraft;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class TenantRepository {
    private static final String COLUMNS = "id, name, notify, created_at, updated_at";
    private final DatabaseClient db;

    TenantRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Tenant> insert(TenantDraft d) {
        var spec = db.sql("INSERT INTO directory.tenant (name, notify) VALUES (:name, :notify) RETURNING " + COLUMNS)
                .bind("name", d.name());
        return Rows.bind(spec, "notify", d.notifySpec(), String.class).map(TenantRepository::map).one();
    }

    Mono<Tenant> update(long id, TenantDraft d) {
        var spec = db.sql("UPDATE directory.tenant SET name = :name, notify = :notify, updated_at = now() "
                        + "WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("name", d.name());
        return Rows.bind(spec, "notify", d.notifySpec(), String.class).map(TenantRepository::map).one();
    }

    /** Locks the tenant row so a concurrent number insert cannot slip in between check and delete. */
    Mono<Tenant> findForUpdate(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant WHERE id = :id FOR UPDATE")
                .bind("id", id).map(TenantRepository::map).one();
    }

    Mono<Long> countNumbers(long tenantId) {
        return db.sql("SELECT count(*) AS n FROM directory.tenant_number WHERE tenant_id = :id")
                .bind("id", tenantId).map(r -> r.get("n", Long.class)).one();
    }

    Mono<Long> delete(long id) {
        return db.sql("DELETE FROM directory.tenant WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    Mono<Tenant> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant WHERE id = :id")
                .bind("id", id).map(TenantRepository::map).one();
    }

    Flux<Tenant> list(PageRequest page) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("limit", page.size()).bind("offset", page.offset())
                .map(TenantRepository::map).all();
    }

    Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM directory.tenant").map(r -> r.get("n", Long.class)).one();
    }

    private static Tenant map(Readable r) {
        return new Tenant(r.get("id", Long.class), r.get("name", String.class), r.get("notify", String.class),
                Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }
}
