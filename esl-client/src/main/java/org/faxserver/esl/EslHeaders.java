package org.faxserver.esl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An immutable, ordered list of ESL headers with case-insensitive name lookup.
 *
 * <p>ESL header names are matched without regard to case by FreeSWITCH ({@code strcasecmp}), the
 * order on the wire is not fixed, and a name may repeat (CHANNEL_HANGUP_COMPLETE carries
 * {@code Hangup-Cause} twice). This class therefore keeps every header in wire order, returns the
 * <em>first</em> value from {@link #get(String)} and all values from {@link #getAll(String)}.
 *
 * <p>Instances are built with {@link #builder()} and are safe to share between threads.
 */
public final class EslHeaders implements Iterable<Map.Entry<String, String>> {

  private static final EslHeaders EMPTY = new EslHeaders(new String[0], new String[0], 0);

  private final String[] names;
  private final String[] values;
  private final int size;
  /** Lower-cased name to index of its first occurrence; built on first lookup (benign race). */
  private volatile Map<String, Integer> index;
  /** Lookups served by linear scan so far (racy counter; only a heuristic). */
  private int linearLookups;

  private static final int LINEAR_SCAN_MAX = 24;
  private static final int LINEAR_LOOKUPS_BEFORE_INDEX = 4;

  private EslHeaders(String[] names, String[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /** Returns the empty header list. */
  public static EslHeaders empty() {
    return EMPTY;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder(16);
  }

  /** Returns a new builder sized for about {@code expectedHeaders} headers. */
  public static Builder builder(int expectedHeaders) {
    return new Builder(Math.max(4, expectedHeaders));
  }

  /** Returns the number of headers, counting repeated names separately. */
  public int size() {
    return size;
  }

  /** Returns {@code true} if there are no headers. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Returns the name of the header at {@code i} (wire order), as it was written. */
  public String name(int i) {
    Objects.checkIndex(i, size);
    return names[i];
  }

  /** Returns the value of the header at {@code i} (wire order). */
  public String value(int i) {
    Objects.checkIndex(i, size);
    return values[i];
  }

  /** Returns the first value of {@code name} (case-insensitive), or {@code null}. */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  /**
   * Small header lists (replies, notices, short events) and the first few lookups on a big one are
   * answered by a linear scan: a length mismatch rejects most names at once, and it avoids building
   * a hash index that would cost more than the lookups it serves (see docs/BENCHMARKS.md).
   */
  private int indexOf(String name) {
    Map<String, Integer> idx = index;
    if (idx == null && (size <= LINEAR_SCAN_MAX || ++linearLookups <= LINEAR_LOOKUPS_BEFORE_INDEX)) {
      for (int i = 0; i < size; i++) {
        if (names[i].equalsIgnoreCase(name)) {
          return i;
        }
      }
      return -1;
    }
    Integer i = index().get(name.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  /** Returns the first value of {@code name}, or {@code defaultValue} if absent. */
  public String get(String name, String defaultValue) {
    String v = get(name);
    return v == null ? defaultValue : v;
  }

  /** Returns {@code true} if a header named {@code name} (case-insensitive) is present. */
  public boolean contains(String name) {
    return get(name) != null;
  }

  /** Returns every value of {@code name} in wire order; empty if absent. */
  public List<String> getAll(String name) {
    int first = indexOf(name);
    if (first < 0) {
      return List.of();
    }
    List<String> all = new ArrayList<>(2);
    for (int i = first; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        all.add(values[i]);
      }
    }
    return Collections.unmodifiableList(all);
  }

  /** Returns a copy as an insertion-ordered map; for repeated names the first value wins. */
  public Map<String, String> toMap() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      m.putIfAbsent(names[i], values[i]);
    }
    return m;
  }

  private Map<String, Integer> index() {
    Map<String, Integer> idx = index;
    if (idx == null) {
      idx = new HashMap<>(Math.max(4, size * 4 / 3 + 1));
      for (int i = 0; i < size; i++) {
        idx.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i);
      }
      index = idx;
    }
    return idx;
  }

  @Override
  public Iterator<Map.Entry<String, String>> iterator() {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < size;
      }

      @Override
      public Map.Entry<String, String> next() {
        if (i >= size) {
          throw new NoSuchElementException();
        }
        Map.Entry<String, String> e = Map.entry(names[i], values[i]);
        i++;
        return e;
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EslHeaders other) || other.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!names[i].equals(other.names[i]) || !values[i].equals(other.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int i = 0; i < size; i++) {
      h = 31 * h + names[i].hashCode();
      h = 31 * h + values[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }

  /** Collects headers in order. Not thread-safe. */
  public static final class Builder {
    private String[] names;
    private String[] values;
    private int size;
    /** True after build() handed the arrays to an EslHeaders: the next write copies them first. */
    private boolean shared;

    private Builder(int capacity) {
      names = new String[capacity];
      values = new String[capacity];
    }

    /** Appends a header; repeated names are kept. */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (size == names.length || shared) {
        int cap = size == names.length ? Math.max(4, size * 2) : names.length;
        names = Arrays.copyOf(names, cap);
        values = Arrays.copyOf(values, cap);
        shared = false;
      }
      names[size] = name;
      values[size] = value;
      size++;
      return this;
    }

    /** Appends every header of {@code other}. */
    public Builder addAll(EslHeaders other) {
      for (int i = 0; i < other.size; i++) {
        add(other.names[i], other.values[i]);
      }
      return this;
    }

    /** Removes all headers so the builder can be reused. */
    public Builder clear() {
      if (shared) {
        names = new String[names.length];
        values = new String[values.length];
        shared = false;
      } else {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
      }
      size = 0;
      return this;
    }

    /** Returns the number of headers added so far. */
    public int size() {
      return size;
    }

    /** Builds an immutable snapshot; the builder may be reused afterwards. */
    public EslHeaders build() {
      if (size == 0) {
        return EMPTY;
      }
      // No copy: the arrays are shared until the builder is written to again (copy-on-write).
      shared = true;
      return new EslHeaders(names, values, size);
    }
  }
}
