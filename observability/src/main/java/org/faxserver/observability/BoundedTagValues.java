package org.faxserver.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric tag's distinct values bounded: the first {@code limit} values seen are used as they
 * are, every later one becomes {@link #OTHER}. Gateway names come from the admins' directory and are
 * few, but a bug or a hostile input must not create a time series per value.
 */
public final class BoundedTagValues {
    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BoundedTagValues(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        this.limit = limit;
    }

    public String of(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        if (seen.contains(value)) {
            return value;
        }
        synchronized (seen) {
            if (seen.size() < limit) {
                seen.add(value);
                return value;
            }
        }
        return seen.contains(value) ? value : OTHER;
    }
}
