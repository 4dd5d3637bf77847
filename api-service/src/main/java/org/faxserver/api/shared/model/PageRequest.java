package org.faxserver.api.shared.model;

/** A validated paging request. */
public record PageRequest(int page, int size) {

    public static PageRequest of(Integer page, Integer size, int defaultSize, int maxSize) {
        Violations v = new Violations();
        int p = page == null ? 0 : page;
        int s = size == null ? defaultSize : size;
        if (p < 0) {
            v.add("page", "must be 0 or more");
        }
        if (s < 1 || s > maxSize) {
            v.add("size", "must be between 1 and " + maxSize);
        }
        v.throwIfAny();
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
