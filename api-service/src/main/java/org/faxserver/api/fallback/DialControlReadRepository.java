package org.faxserver.api.fallback;

import java.time.Instant;

import io.r2dbc.spi.R2dbcException;
import org.faxserver.api.fallback.model.FallbackEntry;
import org.faxserver.api.fallback.model.OverrideEntry;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the softmodem fallback list and the dial overrides that fax-queue owns (schema {@code queue}).
 * Read only: every change is a command to fax-queue. fax-queue publishes no view for these yet, so
 * this reads its tables {@code queue.fallback} and {@code queue.dial_override} directly (columns named
 * here are the contract to turn into views). Missing tables (fax-queue not migrated) read as empty.
 */
@Repository
class DialControlReadRepository {
    private static final Logger log = LoggerFactory.getLogger(DialControlReadRepository.class);
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String FALLBACK_FILTER = " WHERE (CAST(:number AS text) IS NULL OR number = :number)";
    private static final String OVERRIDE_FILTER =
            " WHERE (CAST(:destination AS text) IS NULL OR destination = :destination)";

    private final DatabaseClient db;

    DialControlReadRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<FallbackEntry> fallbacks(String numberOrNull, PageRequest page) {
        var spec = db.sql("SELECT number, since_unix, source FROM queue.fallback" + FALLBACK_FILTER
                        + " ORDER BY number LIMIT :limit OFFSET :offset")
                .bind("limit", page.size()).bind("offset", page.offset());
        return Rows.bind(spec, "number", numberOrNull, String.class)
                .map(r -> new FallbackEntry(r.get("number", String.class),
                        Instant.ofEpochSecond(r.get("since_unix", Long.class)), r.get("source", String.class)))
                .all()
                .onErrorResume(DialControlReadRepository::tableMissing, e -> missing(e, Flux.empty()));
    }

    Mono<Long> countFallbacks(String numberOrNull) {
        var spec = db.sql("SELECT count(*) AS n FROM queue.fallback" + FALLBACK_FILTER);
        return Rows.bind(spec, "number", numberOrNull, String.class).map(r -> r.get("n", Long.class)).one()
                .onErrorResume(DialControlReadRepository::tableMissing, e -> missing(e, Mono.just(0L)));
    }

    Flux<OverrideEntry> overrides(String destinationOrNull, PageRequest page) {
        var spec = db.sql("SELECT destination, variable, value, updated_at FROM queue.dial_override" + OVERRIDE_FILTER
                        + " ORDER BY destination, variable LIMIT :limit OFFSET :offset")
                .bind("limit", page.size()).bind("offset", page.offset());
        return Rows.bind(spec, "destination", destinationOrNull, String.class)
                .map(r -> new OverrideEntry(r.get("destination", String.class), r.get("variable", String.class),
                        r.get("value", String.class), Rows.instant(r, "updated_at")))
                .all()
                .onErrorResume(DialControlReadRepository::tableMissing, e -> missing(e, Flux.empty()));
    }

    Mono<Long> countOverrides(String destinationOrNull) {
        var spec = db.sql("SELECT count(*) AS n FROM queue.dial_override" + OVERRIDE_FILTER);
        return Rows.bind(spec, "destination", destinationOrNull, String.class).map(r -> r.get("n", Long.class)).one()
                .onErrorResume(DialControlReadRepository::tableMissing, e -> missing(e, Mono.just(0L)));
    }

    private static <T> T missing(Throwable e, T empty) {
        log.warn("fax-queue's fallback/override tables are missing ({}); answering an empty list", e.getMessage());
        return empty;
    }

    private static boolean tableMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r && UNDEFINED_TABLE.equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
