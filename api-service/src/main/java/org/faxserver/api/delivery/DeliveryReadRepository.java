package org.faxserver.api.delivery;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads notifier-service's published view {@code notify.delivery_view} (read only; decision 0008). */
@Repository
class DeliveryReadRepository {
    static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", DeliveryView.DEAD);

    /** Filters of the list; null means any. */
    record Filter(String status, Long tenantId) {
        static Filter of(String status, Long tenantId) {
            String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
            if (s != null && !STATUSES.contains(s)) {
                throw InvalidInputException.of("status", "must be one of PENDING, DELIVERED, DEAD");
            }
            return new Filter(s, tenantId);
        }
    }

    private final DatabaseClient db;

    DeliveryReadRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<DeliveryView> list(Filter filter, PageRequest page) {
        return bind(db.sql("SELECT * FROM notify.delivery_view" + where(filter)
                        + " ORDER BY created_at DESC, delivery_id LIMIT :limit OFFSET :offset"), filter)
                .bind("limit", page.size()).bind("offset", page.offset())
                .map(DeliveryReadRepository::view).all()
                .onErrorResume(Rows::undefinedTable, e -> Flux.empty());
    }

    Mono<Long> count(Filter filter) {
        return bind(db.sql("SELECT count(*) AS n FROM notify.delivery_view" + where(filter)), filter)
                .map(r -> r.get("n", Long.class)).one()
                .onErrorResume(Rows::undefinedTable, e -> Mono.just(0L));
    }

    Mono<DeliveryView> find(UUID id) {
        return db.sql("SELECT * FROM notify.delivery_view WHERE delivery_id = :id").bind("id", id)
                .map(DeliveryReadRepository::view).one()
                .onErrorResume(Rows::undefinedTable, e -> Mono.empty());
    }

    private static String where(Filter f) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        if (f.status() != null) {
            sql.append(" AND status = :status");
        }
        if (f.tenantId() != null) {
            sql.append(" AND tenant_id = :tenant");
        }
        return sql.toString();
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, Filter f) {
        if (f.status() != null) {
            spec = spec.bind("status", f.status());
        }
        if (f.tenantId() != null) {
            spec = spec.bind("tenant", String.valueOf(f.tenantId()));
        }
        return spec;
    }

    private static DeliveryView view(Readable r) {
        return new DeliveryView(r.get("delivery_id", UUID.class), r.get("purpose", String.class),
                r.get("channel", String.class), r.get("tenant_id", String.class), r.get("job_id", UUID.class),
                r.get("attempt_id", UUID.class), r.get("endpoint_id", String.class), r.get("receipt_kind", String.class),
                r.get("event", String.class), r.get("target", String.class), r.get("status", String.class),
                r.get("tries", Integer.class), r.get("total_tries", Integer.class), r.get("redeliveries", Integer.class),
                Rows.instant(r, "next_attempt_at"), r.get("last_http_status", Integer.class),
                r.get("last_error", String.class), Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"),
                Rows.instant(r, "finished_at"));
    }
}
