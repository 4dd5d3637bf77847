package org.faxserver.queue.attempt.adapter;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.faxserver.queue.attempt.application.StartLookups;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * {@link StartLookups} on {@code queue.attempt}, {@code queue.fallback} and {@code queue.dial_override}: three
 * look-ups as one statement, each row tagged with what it is.
 */
public final class StartLookupsRepository implements StartLookups {

  private static final String SQL = "SELECT 'live' AS kind, target AS name, count(*) AS calls, "
      + "NULL::text AS variable, NULL::text AS value FROM queue.attempt "
      + "WHERE target = ANY(:gws) AND ended_at IS NULL AND endpoint_kind = 'GATEWAY' GROUP BY target "
      + "UNION ALL SELECT 'listed', number, NULL, NULL, NULL FROM queue.fallback WHERE number = ANY(:ns) "
      + "UNION ALL SELECT 'override', destination, NULL, variable, value FROM queue.dial_override "
      + "WHERE destination = ANY(:ns)";

  private final DatabaseClient db;

  public StartLookupsRepository(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Found> read(Collection<String> gateways, Collection<String> destinations) {
    return db.sql(SQL)
        .bind("gws", gateways.toArray(String[]::new))
        .bind("ns", destinations.toArray(String[]::new))
        .map(row -> new Row(row.get("kind", String.class), row.get("name", String.class),
            row.get("calls", Long.class), row.get("variable", String.class), row.get("value", String.class)))
        .all()
        .collectList()
        .map(rows -> {
          Map<String, Long> liveCalls = new HashMap<>();
          Set<String> listed = new HashSet<>();
          Map<String, Map<String, String>> overrides = new HashMap<>();
          for (Row row : rows) {
            switch (row.kind()) {
              case "live" -> liveCalls.put(row.name(), row.calls());
              case "listed" -> listed.add(row.name());
              case "override" -> overrides.computeIfAbsent(row.name(), d -> new HashMap<>()).put(row.variable(),
                  row.value());
              default -> throw new IllegalStateException("unknown kind of look-up row: " + row.kind());
            }
          }
          return new Found(liveCalls, listed, overrides);
        });
  }

  private record Row(String kind, String name, Long calls, String variable, String value) {}
}
