package org.faxserver.queue.override.adapter;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.faxserver.queue.override.application.OverrideStore;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** {@link OverrideStore} on {@code queue.dial_override}. */
public final class OverrideRepository implements OverrideStore {

  private final DatabaseClient db;

  public OverrideRepository(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Map<String, Map<String, String>>> forDestinations(Collection<String> destinations) {
    return db.sql("SELECT destination, variable, value FROM queue.dial_override WHERE destination = ANY(:ds)")
        .bind("ds", destinations.toArray(String[]::new))
        .map(row -> List.of(row.get("destination", String.class), row.get("variable", String.class),
            row.get("value", String.class)))
        .all()
        .collect(HashMap::new, (all, r) -> all.computeIfAbsent(r.get(0), d -> new HashMap<>()).put(r.get(1), r.get(2)));
  }

  @Override
  public Mono<Void> put(String destination, String variable, String value) {
    return db.sql("INSERT INTO queue.dial_override (destination, variable, value) VALUES (:d, :k, :v) "
            + "ON CONFLICT (destination, variable) DO UPDATE SET value = EXCLUDED.value, updated_at = now()")
        .bind("d", destination)
        .bind("k", variable)
        .bind("v", value)
        .then();
  }

  @Override
  public Mono<Boolean> remove(String destination, String variable) {
    return db.sql("DELETE FROM queue.dial_override WHERE destination = :d AND variable = :k")
        .bind("d", destination)
        .bind("k", variable)
        .fetch().rowsUpdated().map(rows -> rows > 0);
  }
}
