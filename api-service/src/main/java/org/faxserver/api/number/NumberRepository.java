package org.faxserver.api.number;

import io.r2dbc.spi.Readable;
import org.faxserver.api.number.model.NumberDraft;
import org.faxserver.api.number.model.TenantNumber;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class NumberRepository {
    static final String UNIQUE_NUMBER = "tenant_number_number_key";
    private static final String COLUMNS =
            "id, tenant_id, number, caller_id_name, page_header, ident, notify, created_at, updated_at";
    private static final String FILTER = " WHERE (CAST(:tenantId AS bigint) IS NULL OR tenant_id = :tenantId)";
    private final DatabaseClient db;

    NumberRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<TenantNumber> insert(NumberDraft d) {
        return bindDraft(db.sql("INSERT INTO directory.tenant_number "
                + "(tenant_id, number, caller_id_name, page_header, ident, notify) "
                + "VALUES (:tenantId, :number, :callerIdName, :pageHeader, :ident, :notify) RETURNING " + COLUMNS), d)
                .map(NumberRepository::map).one();
    }

    Mono<TenantNumber> update(long id, NumberDraft d) {
        return bindDraft(db.sql("UPDATE directory.tenant_number SET tenant_id = :tenantId, number = :number, "
                + "caller_id_name = :callerIdName, page_header = :pageHeader, ident = :ident, notify = :notify, "
                + "updated_at = now() WHERE id = :id RETURNING " + COLUMNS).bind("id", id), d)
                .map(NumberRepository::map).one();
    }

    /** Number-scoped endpoints carry their number's tenant; returns the ids of those that moved. */
    Flux<Long> moveEndpointsToTenant(long numberId, long tenantId) {
        return db.sql("UPDATE directory.endpoint SET tenant_id = :tenantId, updated_at = now() "
                        + "WHERE number_id = :numberId AND tenant_id <> :tenantId RETURNING id")
                .bind("numberId", numberId).bind("tenantId", tenantId)
                .map(r -> r.get("id", Long.class)).all();
    }

    Mono<Long> delete(long id) {
        return db.sql("DELETE FROM directory.tenant_number WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    Mono<TenantNumber> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant_number WHERE id = :id")
                .bind("id", id).map(NumberRepository::map).one();
    }

    Mono<TenantNumber> findByNumber(String e164) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.tenant_number WHERE number = :number")
                .bind("number", e164).map(NumberRepository::map).one();
    }

    Flux<TenantNumber> list(Long tenantId, PageRequest page) {
        var spec = db.sql("SELECT " + COLUMNS + " FROM directory.tenant_number" + FILTER
                        + " ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("limit", page.size()).bind("offset", page.offset());
        return Rows.bind(spec, "tenantId", tenantId, Long.class).map(NumberRepository::map).all();
    }

    Mono<Long> count(Long tenantId) {
        var spec = db.sql("SELECT count(*) AS n FROM directory.tenant_number" + FILTER);
        return Rows.bind(spec, "tenantId", tenantId, Long.class).map(r -> r.get("n", Long.class)).one();
    }

    private static GenericExecuteSpec bindDraft(GenericExecuteSpec spec, NumberDraft d) {
        spec = spec.bind("tenantId", d.tenantId()).bind("number", d.number());
        spec = Rows.bind(spec, "callerIdName", d.callerIdName(), String.class);
        spec = Rows.bind(spec, "pageHeader", d.pageHeader(), String.class);
        spec = Rows.bind(spec, "ident", d.ident(), String.class);
        return Rows.bind(spec, "notify", d.notifySpec(), String.class);
    }

    private static TenantNumber map(Readable r) {
        return new TenantNumber(r.get("id", Long.class), r.get("tenant_id", Long.class), r.get("number", String.class),
                r.get("caller_id_name", String.class), r.get("page_header", String.class),
                r.get("ident", String.class), r.get("notify", String.class),
                Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }
}
