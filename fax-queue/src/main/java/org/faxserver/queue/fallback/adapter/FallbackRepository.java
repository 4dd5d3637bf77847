package org.faxserver.queue.fallback.adapter;

import org.faxserver.queue.fallback.application.FallbackStore;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** {@link FallbackStore} on {@code queue.fallback}. */
public final class FallbackRepository implements FallbackStore {

  private final DatabaseClient db;

  public FallbackRepository(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Boolean> add(String number, long sinceUnix, String source, boolean replace) {
    String conflict = replace
        ? "ON CONFLICT (number) DO UPDATE SET since_unix = EXCLUDED.since_unix, source = EXCLUDED.source "
            + "WHERE queue.fallback.since_unix <> EXCLUDED.since_unix"
        : "ON CONFLICT (number) DO NOTHING";
    return db.sql("INSERT INTO queue.fallback (number, since_unix, source) VALUES (:n, :since, :source) " + conflict)
        .bind("n", number)
        .bind("since", sinceUnix)
        .bind("source", source)
        .fetch().rowsUpdated()
        .map(rows -> rows > 0);
  }

  @Override
  public Mono<Boolean> remove(String number) {
    return db.sql("DELETE FROM queue.fallback WHERE number = :n").bind("n", number)
        .fetch().rowsUpdated().map(rows -> rows > 0);
  }
}
