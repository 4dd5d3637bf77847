package org.faxserver.queue.gateway.adapter;

import java.util.Collection;
import org.faxserver.queue.gateway.application.GatewayLoad;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * {@link GatewayLoad} in PostgreSQL: a transaction-scoped advisory lock per gateway serialises the
 * "count, then start a call" step across replicas. The locks are taken in one statement in the order of their keys
 * (not of the names: two names may hash to one key).
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
  public Mono<Void> lock(Collection<String> gateways) {
    if (gateways.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("SELECT pg_advisory_xact_lock(k) " + LOCK_KEYS)
        .bind("gws", names(gateways))
        .then();
  }

  @Override
  public Mono<Boolean> tryLock(Collection<String> gateways) {
    if (gateways.isEmpty()) {
      return Mono.just(true);
    }
    return db.sql("SELECT bool_and(pg_try_advisory_xact_lock(k)) AS locked " + LOCK_KEYS)
        .bind("gws", names(gateways))
        .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
        .one();
  }

  private static String[] names(Collection<String> gateways) {
    return gateways.stream().distinct().toArray(String[]::new);
  }
}
