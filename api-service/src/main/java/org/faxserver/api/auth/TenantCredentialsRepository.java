package org.faxserver.api.auth;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The only reader of password and API-key hashes; they never leave the auth package. */
@Repository
class TenantCredentialsRepository {
    record StoredCredentials(long userId, long tenantId, String username, String passwordHash, String apiKeyHash) {
        @Override
        public String toString() {
            return "StoredCredentials[userId=" + userId + ", tenantId=" + tenantId + "]";
        }
    }

    private static final String COLUMNS = "id, tenant_id, username, password_hash, api_key_hash";
    private final DatabaseClient db;

    TenantCredentialsRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<StoredCredentials> findByUsername(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant_user WHERE lower(username) = lower(:username)")
                .bind("username", username).map(this::map).one();
    }

    Mono<StoredCredentials> findByApiKeyHash(String hash) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant_user WHERE api_key_hash = :hash")
                .bind("hash", hash).map(this::map).one();
    }

    Mono<Long> replaceApiKey(long userId, String hash) {
        return db.sql("UPDATE directory.tenant_user SET api_key_hash = :hash, api_key_created_at = now(), "
                        + "updated_at = now() WHERE id = :id")
                .bind("id", userId).bind("hash", hash).fetch().rowsUpdated();
    }

    private StoredCredentials map(io.r2dbc.spi.Readable r) {
        return new StoredCredentials(r.get("id", Long.class), r.get("tenant_id", Long.class),
                r.get("username", String.class), r.get("password_hash", String.class),
                r.get("api_key_hash", String.class));
    }
}
