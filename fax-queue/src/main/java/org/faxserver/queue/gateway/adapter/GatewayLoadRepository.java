package org.faxserver.queue.gateway.adapter;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.faxserver.queue.gateway.application.GatewayLoad;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * {@link GatewayLoad} in PostgreSQL: a transaction-scoped advisory lock per gateway serialises the
 * "count, then start a call" step across replicas; the count is of live gateway attempts. The locks are taken in
 * one statement in the order of their keys (not of the names: two names may hash to one key).
 */
public final class GatewayLoadRepository implements GatewayLoad {

  /**
   * One advisory lock key per gateway named in {@code :gws}, in key order (so transactions never take them out of
   * order); waiting and trying must use the same keys.
   */
  private static final String LOCK_KEYS = "FROM (SELECT DISTINCT hashtext('fax-queue.gateway:' || g) AS k "
      + "FROM unnest(CAST(:gws AS text[])) AS g ORDER BY k) keys";

  private final DatabaseClient db;

  public GatewayLoadRepository(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Map<String, Long>> lockAndCountLiveCalls(Collection<String> gateways) {
    if (gateways.isEmpty()) {
      return Mono.just(Map.of());
    }
    String[] names = gateways.stream().distinct().toArray(String[]::new);
    return db.sql("SELECT pg_advisory_xact_lock(k) " + LOCK_KEYS)
        .bind("gws", names)
        .then()
        .then(countLiveCalls(names));
  }

  @Override
  public Mono<Map<String, Long>> tryLockAndCountLiveCalls(Collection<String> gateways) {
    if (gateways.isEmpty()) {
      return Mono.just(Map.of());
    }
    String[] names = gateways.stream().distinct().toArray(String[]::new);
    return db.sql("SELECT bool_and(pg_try_advisory_xact_lock(k)) AS locked " + LOCK_KEYS)
        .bind("gws", names)
        .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
        .one()
        .filter(Boolean::booleanValue)
        .flatMap(locked -> countLiveCalls(names));
  }

  /** Live calls of every gateway named (0 when none). */
  private Mono<Map<String, Long>> countLiveCalls(String[] names) {
    return db.sql("SELECT target, count(*) AS live FROM queue.attempt WHERE target = ANY(:gws) "
            + "AND ended_at IS NULL AND endpoint_kind = 'GATEWAY' GROUP BY target")
        .bind("gws", names)
        .map(row -> Map.entry(row.get("target", String.class), row.get("live", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .map(counted -> {
          Map<String, Long> live = new HashMap<>();
          for (String name : names) {
            live.put(name, counted.getOrDefault(name, 0L));
          }
          return live;
        });
  }
}
