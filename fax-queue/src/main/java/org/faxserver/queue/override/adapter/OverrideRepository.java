package org.faxserver.queue.override.adapter;

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
