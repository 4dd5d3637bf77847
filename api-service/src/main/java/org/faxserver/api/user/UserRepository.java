package org.faxserver.api.user;

import io.r2dbc.spi.Readable;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.api.user.model.TenantUser;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Never selects password or API-key hashes into {@link TenantUser}; those stay in the database. */
@Repository
class UserRepository {
    static final String UNIQUE_USERNAME = "tenant_user_username_key";
    private static final String COLUMNS = "id, tenant_id, username, api_key_created_at, created_at, updated_at";
    private static final String FILTER = " WHERE (CAST(:tenantId AS bigint) IS NULL OR tenant_id = :tenantId)";
    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<TenantUser> insert(long tenantId, String username, String passwordHash, String apiKeyHash) {
        return db.sql("INSERT INTO directory.tenant_user (tenant_id, username, password_hash, api_key_hash, "
                        + "api_key_created_at) VALUES (:tenantId, :username, :passwordHash, :apiKeyHash, now()) "
                        + "RETURNING " + COLUMNS)
                .bind("tenantId", tenantId).bind("username", username)
                .bind("passwordHash", passwordHash).bind("apiKeyHash", apiKeyHash)
                .map(UserRepository::map).one();
    }

    /**
     * Updates tenant and username, and the password hash when one is given. A new tenant or a new
     * password revokes the API key (hash and creation time cleared): a key issued under the old tenant
     * or by someone who knew the old password must stop working. In SET, PostgreSQL reads the columns'
     * old values, so {@code tenant_id <> :tenantId} compares against the tenant before the update.
     */
    Mono<TenantUser> update(long id, long tenantId, String username, String passwordHashOrNull) {
        String revoke = "(tenant_id <> :tenantId OR CAST(:passwordHash AS text) IS NOT NULL)";
        var spec = db.sql("UPDATE directory.tenant_user SET tenant_id = :tenantId, username = :username, "
                        + "password_hash = COALESCE(:passwordHash, password_hash), "
                        + "api_key_hash = CASE WHEN " + revoke + " THEN NULL ELSE api_key_hash END, "
                        + "api_key_created_at = CASE WHEN " + revoke + " THEN NULL ELSE api_key_created_at END, "
                        + "updated_at = now() "
                        + "WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("tenantId", tenantId).bind("username", username);
        return Rows.bind(spec, "passwordHash", passwordHashOrNull, String.class).map(UserRepository::map).one();
    }

    Mono<Long> delete(long id) {
        return db.sql("DELETE FROM directory.tenant_user WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    Mono<TenantUser> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant_user WHERE id = :id")
                .bind("id", id).map(UserRepository::map).one();
    }

    Flux<TenantUser> list(Long tenantId, PageRequest page) {
        var spec = db.sql("SELECT " + COLUMNS + " FROM directory.tenant_user" + FILTER
                        + " ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("limit", page.size()).bind("offset", page.offset());
        return Rows.bind(spec, "tenantId", tenantId, Long.class).map(UserRepository::map).all();
    }

    Mono<Long> count(Long tenantId) {
        var spec = db.sql("SELECT count(*) AS n FROM directory.tenant_user" + FILTER);
        return Rows.bind(spec, "tenantId", tenantId, Long.class).map(r -> r.get("n", Long.class)).one();
    }

    static TenantUser map(Readable r) {
        return new TenantUser(r.get("id", Long.class), r.get("tenant_id", Long.class), r.get("username", String.class),
                Rows.instant(r, "api_key_created_at"), Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }
}
