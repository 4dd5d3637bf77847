package org.faxserver.notifier.receipt.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's notification string on a tenant or number: {@code <kind>-><destination>} segments
 * separated by ',', several email addresses in one destination separated by ';'. api-service rejects
 * malformed strings when they are stored; a malformed segment that got in anyway is reported in
 * {@link Parsed#problems()} and skipped, never the whole string (the seed ignored it all silently).
 */
public final class NotifySpec {

  /** One segment. */
  public record Entry(String kind, String destination) {}

  /** The readable entries and the segments that were not. */
  public record Parsed(List<Entry> entries, List<String> problems) {}

  private NotifySpec() {}

  public static Parsed parse(String spec) {
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return new Parsed(entries, problems);
    }
    for (String raw : spec.split(",")) {
      String segment = raw.strip();
      if (segment.isEmpty()) {
        continue;
      }
      int arrow = segment.indexOf("->");
      if (arrow < 0) {
        problems.add("segment '" + segment + "' has no '->'");
        continue;
      }
      String kind = segment.substring(0, arrow).strip().toLowerCase(java.util.Locale.ROOT);
      String destination = segment.substring(arrow + 2).strip();
      if (kind.isEmpty() || destination.isEmpty()) {
        problems.add("segment '" + segment + "' needs a kind and a destination");
        continue;
      }
      entries.add(new Entry(kind, destination));
    }
    return new Parsed(List.copyOf(entries), List.copyOf(problems));
  }
}
