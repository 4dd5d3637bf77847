package org.faxserver.api.shared.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import org.faxserver.api.shared.model.ConflictException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers for hand-written R2DBC SQL. */
public final class Rows {
    private Rows() {
    }

    public static Instant instant(Readable row, String column) {
        OffsetDateTime t = row.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static List<String> textArray(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? null : List.of(values);
    }

    /** Binds a value or a typed NULL (R2DBC needs the type for NULL). */
    public static <T> GenericExecuteSpec bind(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /**
     * Turns a violated unique/foreign-key constraint into a {@link ConflictException} with a message
     * for people. The database constraint is the real guard (a pre-check alone would race).
     */
    public static Function<Throwable, Throwable> conflicts(String constraint, String message) {
        return e -> e instanceof DataIntegrityViolationException && messageChain(e).contains(constraint)
                ? new ConflictException(message) : e;
    }

    private static String messageChain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    /** True if the failure is PostgreSQL's "undefined table" (42P01), e.g. another service's view not migrated yet. */
    public static boolean undefinedTable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.r2dbc.spi.R2dbcException r && "42P01".equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
