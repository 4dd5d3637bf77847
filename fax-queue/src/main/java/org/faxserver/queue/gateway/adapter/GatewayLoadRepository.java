package org.faxserver.queue.gateway.adapter;

import org.faxserver.queue.gateway.application.GatewayLoad;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * {@link GatewayLoad} in PostgreSQL: a transaction-scoped advisory lock per gateway serialises the
 * "count, then start a call" step across replicas; the count is of live gateway attempts.
 */
public final class GatewayLoadRepository implements GatewayLoad {

  private final DatabaseClient db;

  public GatewayLoadRepository(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Long> lockAndCountLiveCalls(String gateway) {
    return db.sql("SELECT pg_advisory_xact_lock(hashtext('fax-queue.gateway:' || :gw))")
        .bind("gw", gateway)
        .then()
        .then(db.sql("SELECT count(*) AS live FROM queue.attempt WHERE target = :gw AND ended_at IS NULL "
                + "AND endpoint_kind = 'GATEWAY'")
            .bind("gw", gateway)
            .map(row -> row.get("live", Long.class))
            .one());
  }
}
