package org.faxserver.api.shared.model;

import java.util.List;
import java.util.function.Function;

/** One page of a list: zero-based {@code page}, the requested {@code size} and the {@code total} count. */
public record Page<T>(List<T> items, int page, int size, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }
}
